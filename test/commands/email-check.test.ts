import { describeCheck } from '../../src/transport';
import { MailCatcher } from '../support/mail-catcher';
import { smtpEnv } from '../support/notifier-harness';
import { runScript } from '../support/run-script';

describe('email:check says what happened', () => {
  const started: MailCatcher[] = [];
  const server = async (options: ConstructorParameters<typeof MailCatcher>[0] = {}) => {
    const m = await new MailCatcher(options).start();
    started.push(m);
    return m;
  };
  afterAll(async () => {
    for (const m of started) await m.stop();
  });
  const check = (m: MailCatcher, extra: Record<string, string> = {}) => runScript('email-check.ts', [], { ...smtpEnv(m.port), ...extra });

  it('without EMAIL_HOST_USER: connected, no login claimed, and none made; it says QUIT', async () => {
    const m = await server();
    const r = await check(m);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`ok: connected to 127.0.0.1:${m.port} without TLS; no login tried (EMAIL_HOST_USER is not set)`);
    expect(r.stdout).not.toContain('logged in');
    expect(m.sessions).toHaveLength(1);
    expect(m.sessions[0].commands).not.toContain('AUTH');
    expect(m.sessions[0].commands[m.sessions[0].commands.length - 1]).toBe('QUIT');
  });

  it('with EMAIL_HOST_USER on a server that asks for it: logged in as that user, and the server saw the AUTH', async () => {
    const m = await server({ users: { ada: 'right-password' } });
    const r = await check(m, { EMAIL_HOST_USER: 'ada', EMAIL_HOST_PASSWORD: 'right-password' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`ok: connected to 127.0.0.1:${m.port} without TLS and logged in as ada`);
    expect(m.sessions[0].commands).toContain('AUTH');
    expect(m.sessions[0].commands).toContain('QUIT');
  });

  it('a wrong password is an auth error, and the password is not printed', async () => {
    const m = await server({ users: { ada: 'right-password' } });
    const r = await check(m, { EMAIL_HOST_USER: 'ada', EMAIL_HOST_PASSWORD: 'wrong-password' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^error: auth: 127\\.0\\.0\\.1:${m.port} refused the username or password`));
    expect(`${r.stdout}${r.stderr}`).not.toContain('wrong-password');
  });

  it('a user set for a server that offers no AUTH: an error, since mail would go out without the login', async () => {
    const m = await server({ noAuth: true });
    const r = await check(m, { EMAIL_HOST_USER: 'ada', EMAIL_HOST_PASSWORD: 'pw' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `error: connected to 127.0.0.1:${m.port} without TLS, but the server offers no login (AUTH), so EMAIL_HOST_USER was not used; many servers offer it only over TLS (EMAIL_USE_TLS=true or EMAIL_USE_SSL=true)`,
    );
    expect(m.sessions[0].commands).not.toContain('AUTH');
  });
});

describe('describeCheck', () => {
  const where = 'smtp.example.com:587';
  it.each([
    [{ secure: false, offersAuth: true, loggedIn: false }, true, 'connected to smtp.example.com:587 without TLS; no login tried (EMAIL_HOST_USER is not set)'],
    [{ secure: true, offersAuth: false, loggedIn: false }, true, 'connected to smtp.example.com:587 over TLS; no login tried (EMAIL_HOST_USER is not set)'],
    [{ secure: true, user: 'ada', offersAuth: true, loggedIn: true }, true, 'connected to smtp.example.com:587 over TLS and logged in as ada'],
    [{ secure: false, user: 'ada', offersAuth: true, loggedIn: true }, true, 'connected to smtp.example.com:587 without TLS and logged in as ada'],
    [{ secure: true, user: 'ada', offersAuth: false, loggedIn: false }, false, 'connected to smtp.example.com:587 over TLS, but the server offers no login (AUTH), so EMAIL_HOST_USER was not used'],
  ])('%j → ok %s', (findings, ok, message) => {
    expect(describeCheck(where, findings)).toEqual({ ok, message });
  });
});
