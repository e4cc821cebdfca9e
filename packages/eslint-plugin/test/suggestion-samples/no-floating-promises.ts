// Promises nobody waits for, in the places they turn up in a service.
import { scope } from 'taskscope';

interface Mailer {
  send(to: string, body: string): Promise<void>;
}

declare const mailer: Mailer;
declare const events: { subscribe(topic: string, signal?: AbortSignal): Promise<void> };

async function audit(event: string, signal?: AbortSignal): Promise<void> {
  await fetch('https://audit.example.com/events', { method: 'POST', body: event, signal });
}

export async function signUp(email: string): Promise<void> {
  audit('sign-up');
  void mailer.send(email, 'Welcome aboard');
  const receipt = mailer.send('billing@example.com', `New customer: ${email}`);
  const profile = fetch(`https://api.example.com/profiles/${encodeURIComponent(email)}`);
  await audit('profile-requested');
  await profile;
  console.log('sent', typeof receipt);
}

export async function importUsers(emails: readonly string[]): Promise<number> {
  await scope(async () => {
    for (const email of emails) audit(`import:${email}`);
  });
  return emails.length;
}

export class Session {
  constructor(private readonly id: string) {}

  async close(signal?: AbortSignal): Promise<void> {
    await fetch(`https://api.example.com/sessions/${this.id}`, { method: 'DELETE', signal });
  }

  async end(reason: string): Promise<void> {
    this.close();
    audit(`end:${reason}`).then(() => console.log('audited'));
  }

  async listen(): Promise<{ stop(): void }> {
    events.subscribe(`session:${this.id}`);
    audit(`listen:${this.id}`);
    return { stop: () => undefined };
  }
}

audit('boot').catch((error: unknown) => console.error(error));

export async function refresh(ids: readonly string[], signal: AbortSignal): Promise<void> {
  fetch('https://api.example.com/refresh', { method: 'POST', signal });
  ids.map((id) => fetch(`https://api.example.com/refresh/${id}`, { method: 'POST' }));
  const warm = fetch('https://api.example.com/warm');
  await audit('refreshing');
  await warm;
}

export async function retire(session: Session): Promise<void> {
  session.close().then(() => audit('retired'));
  void session.end('retired');
}
