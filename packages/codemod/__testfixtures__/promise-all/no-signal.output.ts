// No task's work takes an AbortSignal: taskscope all() could cancel nothing, so the fan-out is not
// rewritten; a marker says what to do first.
declare function sendEmail(to: string): Promise<void>;
declare function sendSms(to: string): Promise<void>;

export async function notify(user: { email: string; phone: string }) {
  /* taskscope-migrate: Promise.all: no task takes an AbortSignal, so nothing could cancel them;
     give the work one first */
  await Promise.all([sendEmail(user.email), sendSms(user.phone)]);
}
