import net from 'node:net';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { PasswordResetService } from '../../../src/app/identity/password-reset/password-reset.service';
import { Clock } from '../../../src/infra/clock';
import { OutboxMailEntity } from '../../../src/infra/mail/entities/outbox-mail.entity';
import { MailService } from '../../../src/infra/mail/mail.service';
import { postJson, startTestPortal, usePortal, type TestPortal } from '../../support/test-portal';

const REPLIES: Record<string, string> = { EHLO: '250 sink.test', HELO: '250 sink.test', MAIL: '250 2.1.0 ok', RCPT: '250 2.1.5 ok', DATA: '354 go ahead', RSET: '250 ok', NOOP: '250 ok' };

/** Just enough of an SMTP server for nodemailer: records each message's envelope and data. */
async function startSmtpSink(): Promise<{ url: string; messages: Array<{ from: string; to: string[]; data: string }>; close(): Promise<void> }> {
  const messages: Array<{ from: string; to: string[]; data: string }> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffered = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 sink.test ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { from: '', to: [], data: '' };
            socket.write('250 2.0.0 queued\r\n');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') current.from = line.slice(10);
        if (verb === 'RCPT') current.to.push(line.slice(8));
        if (verb === 'DATA') inData = true;
        if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write(`${REPLIES[verb] ?? '502 not implemented'}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const outbox = (portal: TestPortal) => portal.dataSource.getRepository(OutboxMailEntity).find({ order: { createdAt: 'ASC' } });

describe('Mail without an SMTP server', () => {
  const portal = usePortal();

  it('keeps every mail in the outbox, listed newest first', async () => {
    const mail = portal.app.get(MailService);
    expect(mail.delivers).toBeFalse();
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    spyOn(portal.app.get(Clock), 'now').and.callFake(() => new Date((now += 1000)));
    const first = await mail.send({ to: 'a@acme.test', subject: 'First', text: 'one' });
    await portal.dataSource.transaction((tx) => mail.send({ to: 'b@acme.test', subject: 'Second\r\nBcc: x@evil.test', text: 'two' }, tx));
    await mail.idle();

    const rows = await outbox(portal);
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.sentAt === null && r.attempts === 0)).toBeTrue();
    expect(rows.find((r) => r.id === first)?.textBody).toBe('one');

    const page = await mail.listOutbox(1, 1);
    expect(page).toEqual(jasmine.objectContaining({ total: 2, page: 1, pageSize: 1 }));
    expect(page.items[0]).toEqual(jasmine.objectContaining({ to: 'b@acme.test', subject: 'Second Bcc: x@evil.test', text: 'two', sentAt: null }));
    expect((await mail.listOutbox(2, 1)).items[0].id).toBe(first);
  });

  it('writes nothing when the transaction that wrote the mail rolls back', async () => {
    const mail = portal.app.get(MailService);
    const before = (await outbox(portal)).length;
    await expectAsync(
      portal.dataSource.transaction(async (tx) => {
        await mail.send({ to: 'c@acme.test', subject: 'Never', text: 'rolled back' }, tx);
        throw new Error('changed my mind');
      }),
    ).toBeRejectedWithError('changed my mind');
    expect((await outbox(portal)).length).toBe(before);
  });
});

describe('Mail through an SMTP server', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let portal: TestPortal;

  beforeAll(async () => {
    sink = await startSmtpSink();
    portal = await startTestPortal({ SMTP_URL: sink.url, MAIL_FROM: 'Acme IT <it@acme.test>' });
  });
  afterAll(async () => {
    await portal?.stop();
    await sink?.close();
  });

  it('delivers a mail once its transaction commits and records when', async () => {
    const mail = portal.app.get(MailService);
    const id = await portal.dataSource.transaction((tx) => mail.send({ to: 'lea@acme.test', subject: 'Bonjour', text: 'Salut Léa.\n.hidden dot' }, tx));
    await mail.idle();

    expect(sink.messages.length).toBe(1);
    const [message] = sink.messages;
    expect(message.from).toContain('it@acme.test');
    expect(message.to).toEqual(['<lea@acme.test>']);
    expect(message.data).toMatch(/^Subject: Bonjour$/m);
    expect(message.data).toMatch(/^To: lea@acme\.test$/m);
    const row = await portal.dataSource.getRepository(OutboxMailEntity).findOneByOrFail({ id });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeNull();
  });

  it('keeps no live one-time link in the outbox once the mail is delivered', async () => {
    const mail = portal.app.get(MailService);
    const id = await mail.send({ to: 'lea@acme.test', subject: 'Reset', text: 'Open http://x.test/reset-password#token=abcDEF-123_xyz within 30 minutes.' });
    await mail.idle();
    expect(sink.messages.at(-1)?.data).toContain('#token=abcDEF-123_xyz');
    const row = await portal.dataSource.getRepository(OutboxMailEntity).findOneByOrFail({ id });
    expect(row.textBody).not.toContain('abcDEF-123_xyz');
    expect(row.textBody).toContain('#token=[removed after delivery]');
  });

  it('mails a password reset link through the server', async () => {
    await portal.app.get(AccountsService).createUser({ email: 'marc@acme.test', name: 'Marc', password: 'a long enough passphrase' }, 'test', CLI_CONTEXT);
    const response = await postJson(portal.at('/api/auth/password-reset'), { email: 'marc@acme.test' });
    expect(response.status).toBe(202);
    await portal.app.get(PasswordResetService).settled();
    await portal.app.get(MailService).idle();
    expect(sink.messages.some((m) => m.to.includes('<marc@acme.test>') && m.data.includes('/reset-password#token='))).toBeTrue();
  });
});

describe('Mail when the SMTP server is down', () => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it('still answers the request and keeps the mail with the error', async () => {
    await portal.app.get(AccountsService).createUser({ email: 'lea@acme.test', name: 'Léa', password: 'a long enough passphrase' }, 'test', CLI_CONTEXT);
    const response = await postJson(portal.at('/api/auth/password-reset'), { email: 'lea@acme.test' });
    expect(response.status).toBe(202);
    await portal.app.get(PasswordResetService).settled();
    await portal.app.get(MailService).idle();

    const [row] = await outbox(portal);
    expect(row.toAddress).toBe('lea@acme.test');
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});
