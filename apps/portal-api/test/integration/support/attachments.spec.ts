import express from 'express';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AttachmentEntity } from '../../../src/app/support/attachments/entities/attachment.entity';
import { AttachmentsService, UNCLAIMED_MAX } from '../../../src/app/support/attachments/attachments.service';
import { pngImage } from '../../support/catalog';
import { PortalClock } from '../../support/guests';
import { registeredApp, SAMPLES, signedInPerson, upload, widgetToken } from '../../support/support-edge';
import { usePortal, type TestPortal } from '../../support/test-portal';

/** Serves AttachmentsService.send on a loopback port, as the tickets' download route does. */
async function downloadServer(portal: TestPortal): Promise<{ url(id: string): string; close(): Promise<void> }> {
  const service = portal.app.get(AttachmentsService);
  const app = express();
  app.get('/download/:id', async (req, res) => {
    const found = await service.find(req.params.id);
    if (!found) return void res.status(404).end();
    service.send(res, found);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: (id) => `${base}/download/${id}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Support attachments', () => {
  const portal = usePortal({ env: { SUPPORT_ATTACHMENT_MAX_MB: '1' } });

  async function widgetUser() {
    const site = await registeredApp(portal);
    const { person, browser } = await signedInPerson(portal);
    const { token } = await widgetToken(browser, site.origin);
    return { person, browser, who: { token, origin: site.origin } };
  }

  it('accepts each allowed type, recognised from the bytes, and stores it under a random key', async () => {
    const { person, who } = await widgetUser();
    const cases: Array<[Buffer, string, string]> = [
      [pngImage(2), 'screen.png', 'image/png'],
      [SAMPLES.jpeg, 'photo.JPG', 'image/jpeg'],
      [SAMPLES.gif, 'anim.gif', 'image/gif'],
      [SAMPLES.webp, 'shot.webp', 'image/webp'],
      [SAMPLES.pdf, 'invoice.pdf', 'application/pdf'],
      [SAMPLES.text, 'error log.txt', 'text/plain'],
    ];
    for (const [bytes, name, type] of cases) {
      const answer = await upload(portal, who, bytes, name);
      expect(answer.status).withContext(`${name}: ${answer.text}`).toBe(201);
      const body = answer.json();
      expect(body.contentType).toBe(type);
      expect(body.size).toBe(bytes.length);
      // The extension is written in lower case.
      expect(body.name).toBe(name.replace('.JPG', '.jpg'));
      expect(body.url).toBe(portal.at(`/api/support/attachments/${body.id}`));
      expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
      const row = (await portal.dataSource.getRepository(AttachmentEntity).findOneBy({ id: body.id })) as AttachmentEntity;
      expect(row.uploaderId).toBe(person.id);
      expect(row.storageKey).toMatch(/^[a-f0-9]{48}$/);
      const file = path.join(portal.config.attachments.dir, row.storageKey);
      expect(fs.readFileSync(file).equals(bytes)).toBeTrue();
      expect(fs.readdirSync(portal.config.attachments.dir).some((f) => f.endsWith('.part'))).toBeFalse();
    }
  });

  it('refuses spoofed and unsupported types, naming the allowed ones', async () => {
    const { who } = await widgetUser();
    const refusals: Array<[Buffer | string, string]> = [
      ['<!doctype html><html><script>alert(1)</script></html>', 'cat.png'],
      [pngImage(), 'report.pdf'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.svg'],
      ['<html><body>hello</body></html>', 'page.html'],
      [Buffer.concat([pngImage(), Buffer.from('<script>alert(document.cookie)</script>')]), 'polyglot.png'],
      [Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('<html><body onload=alert(1)>')]), 'polyglot.pdf'],
      [Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 'setup.exe'],
      [Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 'setup.png'],
      [Buffer.from('text with a \u0000 NUL and \u001b escape'), 'weird.txt'],
    ];
    for (const [bytes, name] of refusals) {
      const answer = await upload(portal, who, bytes, name);
      expect(answer.status).withContext(name).toBe(415);
      expect(answer.json().message).withContext(name).toContain('PNG, JPEG, GIF or WebP images, PDF documents and plain text');
      expect(answer.json().fields.file).withContext(name).toBeDefined();
    }
    const empty = await upload(portal, who, Buffer.alloc(0), 'empty.txt');
    expect(empty.status).toBe(400);
    const noName = await upload(portal, who, SAMPLES.text, '');
    expect(noName.status).toBe(400);
    expect(noName.json().fields['X-File-Name']).toBeDefined();
  });

  it('sanitises names: path parts, control and direction characters, leading dots, length, extension', async () => {
    const { who } = await widgetUser();
    const nameOf = async (name: string, bytes: Buffer = pngImage()) => (await upload(portal, who, bytes, name)).json().name as string;
    expect(await nameOf('../../etc/passwd.png')).toBe('passwd.png');
    expect(await nameOf('C:\\Users\\marie\\Desktop\\capture.png')).toBe('capture.png');
    expect(await nameOf('...hidden.png')).toBe('hidden.png');
    expect(await nameOf('in\u0007voice\u202Egnp.png')).toBe('invoicegnp.png');
    expect(await nameOf('screenshot')).toBe('screenshot.png');
    expect(await nameOf('Capture 2024.01.05')).toBe('Capture 2024.01.05.png');
    expect(await nameOf('a<b>:c|d?.png')).toBe('a_b__c_d_.png');
    const long = await nameOf(`${'x'.repeat(300)}.png`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.png')).toBeTrue();
    expect(await nameOf('.', SAMPLES.text)).toBe('attachment.txt');
  });

  it('refuses files over the configured size with 413, leaving no file behind', async () => {
    const { who } = await widgetUser();
    const before = fs.existsSync(portal.config.attachments.dir) ? fs.readdirSync(portal.config.attachments.dir).length : 0;
    const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
    const answer = await upload(portal, who, big, 'big.txt');
    expect(answer.status).toBe(413);
    expect(answer.json().message).toContain('1 MB');
    expect(fs.readdirSync(portal.config.attachments.dir).length).toBe(before);
    expect((await upload(portal, who, Buffer.alloc(1024 * 1024, 0x61), 'exact.txt')).status).toBe(201);
  });

  it('limits how many unused uploads one person holds', async () => {
    const { who } = await widgetUser();
    for (let i = 0; i < UNCLAIMED_MAX; i++) expect((await upload(portal, who, SAMPLES.text, `n${i}.txt`)).status).toBe(201);
    const refused = await upload(portal, who, SAMPLES.text, 'one-more.txt');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });

  it('are claimed once, by their uploader only, inside the caller’s transaction', async () => {
    const service = portal.app.get(AttachmentsService);
    const { person, who } = await widgetUser();
    const other = await widgetUser();
    const mine = (await upload(portal, who, pngImage(), 'a.png')).json().id as string;
    const theirs = (await upload(portal, other.who, pngImage(), 'b.png')).json().id as string;
    const ticketId = randomUUID();
    const refusal = await portal.dataSource
      .transaction((tx) => service.claim(tx, { uploaderId: person.id, ids: [mine, theirs], ticketId, messageId: null }))
      .then(() => undefined, (error: { status: number; fields: Record<string, string[]> }) => error);
    expect(refusal?.status).toBe(400);
    expect(refusal?.fields['attachmentIds']).toBeDefined();
    // Nothing was claimed by the refused call.
    expect((await service.find(mine))?.ticketId).toBeNull();
    const claimed = await portal.dataSource.transaction((tx) => service.claim(tx, { uploaderId: person.id, ids: [mine], ticketId, messageId: null }));
    expect(claimed.map((a) => a.id)).toEqual([mine]);
    const row = (await service.find(mine)) as AttachmentEntity;
    expect(row.ticketId).toBe(ticketId);
    expect(row.expiresAt).toBeNull();
    const again = portal.dataSource.transaction((tx) => service.claim(tx, { uploaderId: person.id, ids: [mine], ticketId: randomUUID(), messageId: null }));
    await expectAsync(again).toBeRejected();
    const views = await service.viewsFor([ticketId]);
    expect(views.byTicket.get(ticketId)?.map((v) => v.name)).toEqual(['a.png']);
    expect(service.isOwnUnusedUpload((await service.find(theirs)) as AttachmentEntity, other.person.id)).toBeTrue();
    expect(service.isOwnUnusedUpload((await service.find(theirs)) as AttachmentEntity, person.id)).toBeFalse();
  });

  it('are sent as downloads: attachment, nosniff, the sniffed type, never cached', async () => {
    const { who } = await widgetUser();
    const server = await downloadServer(portal);
    try {
      const id = (await upload(portal, who, SAMPLES.text, 'résumé "final".txt')).json().id as string;
      const response = await fetch(server.url(id));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="r_sum_ _final_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20_final_.txt`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(Buffer.from(await response.arrayBuffer()).equals(SAMPLES.text)).toBeTrue();
    } finally {
      await server.close();
    }
  });

  it('expire when unused: the sweep deletes the row and the file, and they can no longer be claimed', async () => {
    const service = portal.app.get(AttachmentsService);
    const { person, who } = await widgetUser();
    const id = (await upload(portal, who, pngImage(), 'old.png')).json().id as string;
    const row = (await service.find(id)) as AttachmentEntity;
    const file = path.join(portal.config.attachments.dir, row.storageKey);
    expect(fs.existsSync(file)).toBeTrue();
    const clock = new PortalClock(portal);
    clock.advance(25 * 3600_000);
    await expectAsync(portal.dataSource.transaction((tx) => service.claim(tx, { uploaderId: person.id, ids: [id], ticketId: randomUUID(), messageId: null }))).toBeRejected();
    const swept = await service.sweep();
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await service.find(id)).toBeNull();
    expect(fs.existsSync(file)).toBeFalse();
  });

  it('need a signed-in person', async () => {
    const response = await fetch(portal.at('/api/support/attachments'), { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.txt' }, body: SAMPLES.text });
    expect(response.status).toBe(401);
  });
});
