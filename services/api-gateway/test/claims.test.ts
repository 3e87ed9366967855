// Claims through the REST API (issue 13, S1-06, S1-03, S1-01), against the real identity, claims and
// bot-gateway services (the sandbox as Telegram, so the files are really copied): a manager sees
// and decides only the claims of their own clients, an admin every one; the files stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import { newMessageId, type Claim, type ClaimFile, type User } from '@fieldgram/contracts';
import { ADMIN } from './support/api-stack.js';
import { startClaimsStack, type ClaimsStack } from './support/claims-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import { createUser, expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';

const env = useTestEnv('api-claims');
const MB = 1024 * 1024;
let stack: ClaimsStack;
let api: ApiClient;
let admin: Tokens;
let mila: { user: User; tokens: Tokens };
let oleg: { user: User; tokens: Tokens };
let milasClient: User;
let olegsClient: User;
/** Mila's client's claim with a photo, a scan and a 25 MB document. */
let withFiles: Claim;
let olegsClaim: Claim;
let photoBytes: Buffer;
const scanBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MB, 9)]);

type ClaimView = Claim & { files: (Claim['files'][number] & { url: string })[] };
type ClaimPage = { items: Claim[]; total: number; page: number; pageSize: number };

/** Files a client sends the bot (a Telegram user in the sandbox), as a claim names them. */
async function sentFiles(): Promise<ClaimFile[]> {
  const ann = stack.sandbox.createUser({ firstName: 'Ann' });
  const photo = await ann.sendPhoto(stack.bot.token, {});
  const scan = await ann.sendDocument(stack.bot.token, {
    bytes: scanBytes,
    fileName: 'Акт осмотра.pdf',
    mimeType: 'application/pdf',
  });
  const video = await ann.sendDocument(stack.bot.token, {
    bytes: Buffer.alloc(25 * MB, 1),
    fileName: 'video.mp4',
    mimeType: 'video/mp4',
  });
  const messages = stack.sandbox.messages(stack.bot.token, ann.id);
  const of = (id: number) => messages.find((message) => message.message_id === id)!;
  const largest = of(photo.messageId).photo!.at(-1)!;
  photoBytes = stack.sandbox.fileBytes(largest.file_id)!;
  const document = (id: number): ClaimFile => {
    const sent = of(id).document!;
    return {
      kind: 'document',
      fileId: sent.file_id,
      fileUniqueId: sent.file_unique_id,
      fileName: sent.file_name!,
      mimeType: sent.mime_type!,
      fileSize: sent.file_size!,
    };
  };
  return [
    { kind: 'photo', fileId: largest.file_id, fileUniqueId: largest.file_unique_id },
    document(scan.messageId),
    document(video.messageId),
  ];
}

/** What the bot sends when a client confirms the claim wizard. */
function fileClaim(client: User, fields: { waybillNumber?: string; files?: ClaimFile[] } = {}) {
  return stack.rpc.request('claims.file', {
    clientId: client.id,
    requestId: newMessageId(),
    waybillNumber: fields.waybillNumber ?? 'ТК-001',
    email: 'client@example.com',
    description: 'Груз повреждён при доставке',
    amount: 1_500_050,
    files: fields.files ?? [],
  });
}

beforeAll(async () => {
  stack = await startClaimsStack(env());
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
  mila = await signedInManager(api, admin.accessToken, 'claims-mila');
  oleg = await signedInManager(api, admin.accessToken, 'claims-oleg');
  // A manager's new client is theirs (S1-01).
  milasClient = await createUser(api, mila.tokens.accessToken, { role: 'client', name: 'Агата Вишневская' });
  olegsClient = await createUser(api, oleg.tokens.accessToken, { role: 'client', name: 'Пётр Соседов' });
  const now = new Date().toISOString();
  stack.waybills.set('WB-2026-000123', {
    id: newMessageId(),
    number: 'WB-2026-000123',
    clientId: milasClient.id,
    cargo: 'Посуда',
    weightKg: 12.5,
    lengthCm: 120,
    widthCm: 80,
    heightCm: 60,
    pickupAddress: 'Москва, ул. Ленина, 1',
    deliveryAddress: 'Казань, ул. Баумана, 2',
    paymentMethod: 'card',
    status: 'created',
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
  });
  withFiles = await fileClaim(milasClient, { waybillNumber: 'WB-2026-000123', files: await sentFiles() });
  olegsClaim = await fileClaim(olegsClient);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('GET /claims (S1-06)', () => {
  it("a manager's list is their own clients' claims, whatever managerId is asked; an admin's is everyone's", async () => {
    const own = await api.get<ClaimPage>(`/claims?managerId=${oleg.user.id}`, {
      token: mila.tokens.accessToken,
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.items.map((item) => item.id)).toEqual([withFiles.id]);
    expect(own.body.items[0]).toMatchObject({
      clientName: 'Агата Вишневская',
      managerId: mila.user.id,
      waybillNumber: 'WB-2026-000123',
      fileCount: 3,
    });
    const all = await api.get<ClaimPage>('/claims', { token: admin.accessToken });
    expect(all.body.items.map((item) => item.id)).toEqual([olegsClaim.id, withFiles.id]);
    const olegs = await api.get<ClaimPage>(`/claims?managerId=${oleg.user.id}`, { token: admin.accessToken });
    expect(olegs.body.items.map((item) => item.id)).toEqual([olegsClaim.id]);
  });

  it('filters by status and client, searches, pages', async () => {
    const token = admin.accessToken;
    const byName = await api.get<ClaimPage>(`/claims?q=${encodeURIComponent('вишнев')}`, { token });
    expect(byName.body.items.map((item) => item.id)).toEqual([withFiles.id]);
    const byNumber = await api.get<ClaimPage>(`/claims?q=${olegsClaim.number}`, { token });
    expect(byNumber.body.items.map((item) => item.id)).toEqual([olegsClaim.id]);
    const byClient = await api.get<ClaimPage>(`/claims?clientId=${olegsClient.id}&status=new`, { token });
    expect(byClient.body.total).toBe(1);
    const paged = await api.get<ClaimPage>('/claims?page=2&pageSize=1', { token });
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: withFiles.id }] });
    expectProblem(await api.get('/claims?status=lost', { token }), 400, 'validation');
    expectProblem(await api.get('/claims?pageSize=101', { token }), 400, 'validation');
  });
});

describe('GET /claims/:id and its files (S1-06, S1-03)', () => {
  it('all fields, the history, and a link per file; the copies stream; the 25 MB one stays in Telegram', async () => {
    const settled = await waitFor(
      async () => {
        const answer = await api.get<ClaimView>(`/claims/${withFiles.id}`, {
          token: mila.tokens.accessToken,
        });
        return answer.body.files.every((f) => f.copy !== 'pending') && answer.body;
      },
      { message: 'the copies made', timeoutMs: 20_000 },
    );
    expect(settled).toMatchObject({
      number: withFiles.number,
      clientName: 'Агата Вишневская',
      waybillId: expect.any(String) as string,
      email: 'client@example.com',
      amount: 1_500_050,
      currency: 'RUB',
      status: 'new',
      history: [{ from: null, to: 'new', byUserId: milasClient.id }],
    });
    const [photo, scan, video] = settled.files;
    expect(photo).toMatchObject({ kind: 'photo', copy: 'copied' });
    expect(scan).toMatchObject({ fileName: 'Акт осмотра.pdf', copy: 'copied' });
    expect(video).toMatchObject({ copy: 'not_copied', copyFailure: 'too_big', storageKey: null });
    expect(photo!.url).toBe(`${stack.baseUrl}/api/v1/claims/${withFiles.id}/files/${photo!.fileUniqueId}`);

    const photoFile = await api.get(photo!.url, { token: mila.tokens.accessToken });
    expect(photoFile.status).toBe(200);
    expect(photoFile.headers.get('content-type')).toBe('image/jpeg');
    expect(photoFile.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photoFile.bytes.equals(photoBytes)).toBe(true);
    const scanFile = await api.get(scan!.url, { token: admin.accessToken });
    expect(scanFile.headers.get('content-type')).toBe('application/pdf');
    expect(scanFile.headers.get('content-disposition')).toMatch(
      /^inline; filename=".*\.pdf"; filename\*=UTF-8''/,
    );
    expect(scanFile.bytes.equals(scanBytes)).toBe(true);
    const videoFile = expectProblem(
      await api.get(video!.url, { token: admin.accessToken }),
      404,
      'not-found',
    );
    expect(videoFile.detail).toMatch(/kept in Telegram only \(too_big\)/);
    expectProblem(
      await api.get(`/claims/${withFiles.id}/files/no-such-file`, { token: admin.accessToken }),
      404,
      'not-found',
    );
  });

  it("another manager's claim is a 404, like a claim that does not exist, file links included", async () => {
    const foreign = await api.get(`/claims/${olegsClaim.id}`, { token: mila.tokens.accessToken });
    const missing = await api.get(`/claims/${newMessageId()}`, { token: mila.tokens.accessToken });
    expectProblem(foreign, 404, 'not-found');
    expectProblem(missing, 404, 'not-found');
    expect((foreign.body as { detail: string }).detail).toBe(`no claim ${olegsClaim.id}`);
    const photo = withFiles.files[0]!;
    expectProblem(
      await api.get(`/claims/${withFiles.id}/files/${photo.fileUniqueId}`, {
        token: oleg.tokens.accessToken,
      }),
      404,
      'not-found',
    );
    expect((await api.get(`/claims/${olegsClaim.id}`, { token: oleg.tokens.accessToken })).status).toBe(200);
  });
});

describe('POST /claims/:id/status (S1-06)', () => {
  it('its manager reviews, an admin decides; another manager gets a 404; a decided claim is a 409', async () => {
    const path = `/claims/${withFiles.id}/status`;
    const reviewing = await api.post<ClaimView>(
      path,
      { status: 'in_review', comment: 'Запросили акт у перевозчика' },
      { token: mila.tokens.accessToken },
    );
    expect(reviewing.status, JSON.stringify(reviewing.body)).toBe(200);
    expect(reviewing.body).toMatchObject({ status: 'in_review', comment: 'Запросили акт у перевозчика' });
    expect(reviewing.body.files[0]?.url).toMatch(/\/files\//);
    expectProblem(
      await api.post(path, { status: 'rejected', comment: 'Не моё' }, { token: oleg.tokens.accessToken }),
      404,
      'not-found',
    );
    const invalid = expectProblem(
      await api.post(path, { status: 'new', comment: 'Назад' }, { token: admin.accessToken }),
      400,
      'validation',
    );
    expect(invalid.errors?.[0]?.field).toBe('body.status');
    expectProblem(
      await api.post(path, { status: 'resolved' }, { token: admin.accessToken }),
      400,
      'validation',
    );
    const resolved = await api.post<ClaimView>(
      path,
      { status: 'resolved', comment: 'Возместим 15 000,50 ₽' },
      { token: admin.accessToken },
    );
    expect(resolved.body.history.map((entry) => [entry.to, entry.byUserId])).toEqual([
      ['new', milasClient.id],
      ['in_review', mila.user.id],
      ['resolved', admin.user.id],
    ]);
    const again = expectProblem(
      await api.post(path, { status: 'rejected', comment: 'Передумали' }, { token: mila.tokens.accessToken }),
      409,
      'conflict',
    );
    expect(again.detail).toBe('the claim is already resolved: a decided claim does not change');
  });
});
