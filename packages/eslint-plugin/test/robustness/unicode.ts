// Non-ASCII identifiers, strings and comments before the interesting nodes, so
// that UTF-16 offsets and columns are exercised: 日本語, émoji 🎉, RTL עברית.
const ñandú = async (ключ: string): Promise<string> => `🎉 ${ключ}`;
const 値 = ['α', 'β', 'γ'];

export async function 処理(): Promise<void> {
  /* 🎉🎉🎉 */ Promise.all(値.map((v) => ñandú(v)));
  await Promise.allSettled([ñandú('é'), ñandú('ü')]);
  値.forEach(async (v) => ñandú(v));
  ñandú('z');
}
