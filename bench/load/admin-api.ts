import { ApiClient } from '@fieldgram/testkit/env';
import { DISPATCHED_TASK } from './side.js';

/** The admin REST API of our stack, as an admin's console uses it: join links, people, tasks. */
export class AdminApi {
  private client: ApiClient | null = null;
  private technicianIds = new Map<number, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly credentials: { login: string; password: string },
  ) {}

  async login(): Promise<void> {
    this.client = await ApiClient.login(this.baseUrl, this.credentials.login, this.credentials.password);
  }

  /** The /start payload of the technicians' join link. */
  async technicianJoinPayload(): Promise<string> {
    const { link } = await this.call<{ link: string }>(
      'GET',
      '/invites/join-link?role=technician',
      undefined,
      200,
    );
    const payload = new URL(link).searchParams.get('start');
    if (payload === null) throw new Error(`no start payload in the join link ${link}`);
    return payload;
  }

  /** Creates a task for the technician writing from `chatId` and sends them its offer. */
  async dispatch(chatId: number): Promise<void> {
    const technicianId = await this.technicianId(chatId);
    const task = await this.call<{ id: string }>(
      'POST',
      '/tasks',
      { ...DISPATCHED_TASK, assigneeId: technicianId },
      201,
    );
    await this.call('POST', `/tasks/${task.id}/send`, undefined, 200);
  }

  private async technicianId(chatId: number): Promise<string> {
    let id = this.technicianIds.get(chatId);
    if (id === undefined) {
      this.technicianIds = await this.listTechnicians();
      id = this.technicianIds.get(chatId);
    }
    if (id === undefined) throw new Error(`no technician with Telegram id ${chatId} is registered`);
    return id;
  }

  private async listTechnicians(): Promise<Map<number, string>> {
    const ids = new Map<number, string>();
    for (let page = 1; ; page++) {
      const { items, total } = await this.call<{
        items: { id: string; telegramId: number | null }[];
        total: number;
      }>('GET', `/users?role=technician&pageSize=100&page=${page}`, undefined, 200);
      for (const item of items) if (item.telegramId !== null) ids.set(item.telegramId, item.id);
      if (items.length === 0 || page * 100 >= total) return ids;
    }
  }

  /** A call as the admin; signs in again once if the access token has expired. */
  private async call<T = unknown>(method: string, path: string, body: unknown, expected: number): Promise<T> {
    if (this.client === null) await this.login();
    let response = await this.client!.call(method, path, body, { timeoutMs: 30_000 });
    if (response.status === 401) {
      await this.login();
      response = await this.client!.call(method, path, body, { timeoutMs: 30_000 });
    }
    if (response.status !== expected) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    return response.body as T;
  }
}
