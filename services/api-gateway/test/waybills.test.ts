// Waybills through the REST API (S1-02), each manager narrowed to their own clients (S1-01),
// against the real identity and waybill services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId, type User, type Waybill, type WaybillInput } from '@fieldgram/contracts';
import { pdfText, useTestEnv } from '@fieldgram/testkit';
import { ADMIN } from './support/api-stack.js';
import { startWaybillStack, type WaybillStack } from './support/waybill-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import { createUser, expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';

const env = useTestEnv('api-waybills');
let stack: WaybillStack;
let api: ApiClient;
let admin: Tokens;
let mila: { user: User; tokens: Tokens };
let boris: { user: User; tokens: Tokens };
let milasClient: User;
let borisClient: User;
let milasWaybills: Waybill[];
let borisWaybill: Waybill;

const INPUT: WaybillInput = {
  cargo: 'Кухонный гарнитур в 6 коробках',
  weightKg: 85.25,
  lengthCm: 200,
  widthCm: 60,
  heightCm: 90,
  pickupAddress: 'Москва, ул. Складская, д. 7',
  deliveryAddress: 'Тверь, ул. Советская, д. 12',
  paymentMethod: 'card',
};

/** What conversation sends when a client confirms the waybill wizard. */
function confirm(client: User, patch: Partial<WaybillInput> = {}): Promise<Waybill> {
  return stack.rpc.request('waybill.create', {
    ...INPUT,
    ...patch,
    clientId: client.id,
    requestId: newMessageId(),
  });
}

beforeAll(async () => {
  stack = await startWaybillStack(env());
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
  mila = await signedInManager(api, admin.accessToken, 'waybill-mila');
  boris = await signedInManager(api, admin.accessToken, 'waybill-boris');
  // A manager's new client is theirs (S1-01).
  milasClient = await createUser(api, mila.tokens.accessToken, { role: 'client', name: 'Клиент Милы' });
  borisClient = await createUser(api, boris.tokens.accessToken, { role: 'client', name: 'Клиент Бориса' });
  expect(milasClient.managerId).toBe(mila.user.id);
  milasWaybills = [];
  milasWaybills.push(await confirm(milasClient, { cargo: 'Пианино' }));
  milasWaybills.push(await confirm(milasClient, { cargo: 'Кресло', deliveryAddress: 'Клин, ул. Мира, 3' }));
  borisWaybill = await confirm(borisClient, { cargo: 'Пианино' });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Page = { items: Waybill[]; total: number; page: number; pageSize: number };
const ids = (page: Page) => page.items.map((waybill) => waybill.id);

describe('S1-02 GET /waybills', () => {
  it('an admin lists every waybill, newest first, and filters by client, text and days', async () => {
    const token = admin.accessToken;
    const all = await api.get<Page>('/waybills', { token });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(ids(all.body)).toEqual([borisWaybill.id, milasWaybills[1]!.id, milasWaybills[0]!.id]);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });

    const mine = await api.get<Page>(`/waybills?clientId=${milasClient.id}&pageSize=1&page=2`, { token });
    expect(mine.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(ids(mine.body)).toEqual([milasWaybills[0]!.id]);

    expect(ids((await api.get<Page>(`/waybills?q=${encodeURIComponent('клин')}`, { token })).body)).toEqual([
      milasWaybills[1]!.id,
    ]);
    const number = milasWaybills[0]!.number.toLowerCase();
    expect(ids((await api.get<Page>(`/waybills?q=${number}`, { token })).body)).toEqual([
      milasWaybills[0]!.id,
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.get<Page>(`/waybills?from=${today}&to=${today}`, { token })).body.total).toBe(3);
    expect((await api.get<Page>('/waybills?to=2000-01-01', { token })).body.total).toBe(0);
  });

  it('refuses malformed filters, naming them: 400', async () => {
    const token = admin.accessToken;
    const badDay = expectProblem(await api.get('/waybills?from=31.01.2026', { token }), 400, 'validation');
    expect(badDay.errors?.[0]?.field).toBe('query.from');
    expectProblem(await api.get('/waybills?clientId=nope', { token }), 400, 'validation');
    expectProblem(await api.get('/waybills?pageSize=101', { token }), 400, 'validation');
    const reversed = expectProblem(
      await api.get('/waybills?from=2026-02-01&to=2026-01-01', { token }),
      400,
      'validation',
    );
    expect(reversed.detail).toBe('from: 2026-02-01 is after to (2026-01-01)');
  });

  it('a manager lists only their own clients’ waybills (S1-01), whatever they filter by', async () => {
    const token = mila.tokens.accessToken;
    const own = await api.get<Page>('/waybills', { token });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(ids(own.body)).toEqual([milasWaybills[1]!.id, milasWaybills[0]!.id]);
    expect((await api.get<Page>(`/waybills?q=${encodeURIComponent('пианино')}`, { token })).body.total).toBe(
      1,
    );
    const foreign = await api.get<Page>(`/waybills?clientId=${borisClient.id}`, { token });
    expect(foreign.body).toMatchObject({ total: 0, items: [] });
    expect(ids((await api.get<Page>('/waybills', { token: boris.tokens.accessToken })).body)).toEqual([
      borisWaybill.id,
    ]);
  });
});

describe('S1-02 GET /waybills/{id}', () => {
  it('an admin and the client’s manager see it; another manager gets the 404 of a missing one', async () => {
    const [waybill] = milasWaybills;
    const byAdmin = await api.get<Waybill>(`/waybills/${waybill!.id}`, { token: admin.accessToken });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toEqual(waybill);
    expect(
      (await api.get<Waybill>(`/waybills/${waybill!.id}`, { token: mila.tokens.accessToken })).body,
    ).toEqual(waybill);

    const foreign = expectProblem(
      await api.get(`/waybills/${waybill!.id}`, { token: boris.tokens.accessToken }),
      404,
      'not-found',
    );
    const missingId = newMessageId();
    const missing = expectProblem(
      await api.get(`/waybills/${missingId}`, { token: boris.tokens.accessToken }),
      404,
      'not-found',
    );
    // Nothing tells the two apart but the id itself.
    expect(foreign.detail.replace(waybill!.id, '<id>')).toBe(missing.detail.replace(missingId, '<id>'));
  });

  it('follows a reassignment: the new manager sees it, the old one no longer does', async () => {
    const moved = await createUser(api, mila.tokens.accessToken, {
      role: 'client',
      name: 'Переходящий Клиент',
    });
    const waybill = await confirm(moved);
    const reassigned = await api.patch<User>(
      `/users/${moved.id}`,
      { managerId: boris.user.id },
      { token: admin.accessToken },
    );
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    expect((await api.get(`/waybills/${waybill.id}`, { token: boris.tokens.accessToken })).status).toBe(200);
    expect((await api.get(`/waybills/${waybill.id}`, { token: mila.tokens.accessToken })).status).toBe(404);
    expect(ids((await api.get<Page>('/waybills', { token: boris.tokens.accessToken })).body)).toContain(
      waybill.id,
    );
    expect(ids((await api.get<Page>('/waybills', { token: mila.tokens.accessToken })).body)).not.toContain(
      waybill.id,
    );
  });
});

describe('S1-02 GET /waybills/{id}/pdf', () => {
  it('downloads the PDF in the caller’s language or ?lang=; another manager’s client’s is a 404', async () => {
    const [waybill] = milasWaybills;
    const pdf = await api.get(`/waybills/${waybill!.id}/pdf`, { token: mila.tokens.accessToken });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="${waybill!.number}.pdf"`);
    // No language chosen, no Telegram: the organization's (ru).
    const russian = await pdfText(pdf.bytes);
    expect(russian).toContain('ООО «Быстрая доставка»');
    expect(russian).toContain(`Накладная ${waybill!.number}`);
    expect(russian).toContain('Описание груза Пианино');
    expect(russian).toContain('Вес 85,25 кг');
    expect(russian).toContain('Способ оплаты Картой');

    const english = await api.get(`/waybills/${waybill!.id}/pdf?lang=en`, { token: admin.accessToken });
    expect(await pdfText(english.bytes)).toContain(`Waybill ${waybill!.number}`);
    expectProblem(
      await api.get(`/waybills/${waybill!.id}/pdf?lang=de`, { token: admin.accessToken }),
      400,
      'validation',
    );
    expectProblem(
      await api.get(`/waybills/${waybill!.id}/pdf`, { token: boris.tokens.accessToken }),
      404,
      'not-found',
    );
  });
});

describe('S1-02 POST /waybills/{id}/cancel', () => {
  it('the client’s manager cancels it once (then 409); another manager gets a 404 and changes nothing', async () => {
    const waybill = await confirm(milasClient, { cargo: 'Отменяемый груз' });
    expectProblem(
      await api.post(`/waybills/${waybill.id}/cancel`, undefined, { token: boris.tokens.accessToken }),
      404,
      'not-found',
    );
    expect(
      (await api.get<Waybill>(`/waybills/${waybill.id}`, { token: admin.accessToken })).body.status,
    ).toBe('created');

    const cancelled = await api.post<Waybill>(`/waybills/${waybill.id}/cancel`, undefined, {
      token: mila.tokens.accessToken,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ id: waybill.id, status: 'cancelled' });
    const again = expectProblem(
      await api.post(`/waybills/${waybill.id}/cancel`, undefined, { token: admin.accessToken }),
      409,
      'conflict',
    );
    expect(again.detail).toMatch(new RegExp(`^waybill ${waybill.number} is already cancelled`));
    const stamped = await api.get(`/waybills/${waybill.id}/pdf?lang=en`, { token: admin.accessToken });
    expect(await pdfText(stamped.bytes)).toContain('CANCELLED');
  });

  it('without a token: 401', async () => {
    expectProblem(await api.post(`/waybills/${milasWaybills[0]!.id}/cancel`), 401, 'unauthorized');
    expectProblem(await api.get('/waybills'), 401, 'unauthorized');
  });
});
