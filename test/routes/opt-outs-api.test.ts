import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import type { OptOutList } from '../../src/outbound/opt-out-list.js';
import { API_TOKEN, NOW, buildTestApp } from '../support/test-app.js';

describe('/api/opt-outs', () => {
  async function setUp(optOuts: OptOutList = EmbeddedOptOutList.inMemory()) {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    const test = buildTestApp({
      outbound: { campaigns, control: new MemoryControlLog(), optOuts },
    });
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${API_TOKEN}`);
    return {
      ...test,
      optOuts,
      list: (query = '') => auth(request(test.app).get(`/api/opt-outs${query}`)),
      add: (body: unknown) => auth(request(test.app).post('/api/opt-outs')).send(body as object),
      remove: (phone: string) =>
        auth(request(test.app).delete(`/api/opt-outs/${encodeURIComponent(phone)}`)),
    };
  }

  describe('POST', () => {
    it('puts a number on the list in E.164, from an international or a national form', async () => {
      const { add, optOuts } = await setUp();

      const international = await add({ phone: '+1 (415) 555-0101' });
      const national = await add({ phone: '020 7946 0000', country: 'GB' });

      expect(international.status).toBe(201);
      expect(international.body).toEqual({ phone: '+14155550101', added: true });
      expect(international.headers['cache-control']).toBe('no-store');
      expect(national.body).toEqual({ phone: '+442079460000', added: true });
      expect((await optOuts.list({ limit: 10 })).items).toEqual([
        { phone: '+14155550101', source: 'api', at: NOW },
        { phone: '+442079460000', source: 'api', at: NOW },
      ]);
    });

    it('a number already there answers 200 and keeps when it first came', async () => {
      const { add, optOuts } = await setUp();
      await optOuts.add('+14155550101', { source: 'keypress', at: NOW - 1000 });

      const res = await add({ phone: '+14155550101' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ phone: '+14155550101', added: false });
      expect((await optOuts.list({ limit: 10 })).items).toEqual([
        { phone: '+14155550101', source: 'keypress', at: NOW - 1000 },
      ]);
    });

    it('refuses what is not a number, a national number without its country, other fields', async () => {
      const { add, optOuts } = await setUp();

      const notANumber = await add({ phone: 'call me maybe', country: 'US' });
      const national = await add({ phone: '415 555 0101' });
      const extra = await add({ phone: '+14155550101', source: 'keypress' });

      expect(notANumber.status).toBe(400);
      expect(notANumber.body).toEqual({
        error: { code: 'INVALID_OPT_OUT', message: 'phone: not a phone number' },
      });
      expect(national.body).toEqual({
        error: {
          code: 'INVALID_OPT_OUT',
          message: 'phone: give the number in E.164 (+ and the country code), or its country',
        },
      });
      expect(extra.status).toBe(400);
      expect((extra.body as { error: { code: string } }).error.code).toBe('INVALID_OPT_OUT');
      expect(await optOuts.list({ limit: 10 })).toEqual({ items: [] });
    });
  });

  describe('GET', () => {
    it('pages through the list in order, next naming where the following page starts', async () => {
      const { list, optOuts } = await setUp();
      for (const n of [3, 1, 2]) {
        await optOuts.add(`+1415555010${n}`, { source: 'api', at: NOW });
      }

      const first = await list('?limit=2');
      const second = await list(`?limit=2&after=${encodeURIComponent('+14155550102')}`);

      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        optOuts: [
          { phone: '+14155550101', source: 'api', at: new Date(NOW).toISOString() },
          { phone: '+14155550102', source: 'api', at: new Date(NOW).toISOString() },
        ],
        next: '+14155550102',
      });
      expect(second.body).toEqual({
        optOuts: [{ phone: '+14155550103', source: 'api', at: new Date(NOW).toISOString() }],
        next: null,
      });
    });

    it('refuses a page size out of range', async () => {
      const { list } = await setUp();
      const res = await list('?limit=0');
      expect(res.status).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('INVALID_PARAMETER');
    });

    it('needs the bearer token', async () => {
      const { app } = await setUp();
      expect((await request(app).get('/api/opt-outs')).status).toBe(401);
    });

    it('a list that cannot be read answers 503 with its own code', async () => {
      const { list } = await setUp({
        has: () => Promise.resolve(false),
        add: () => Promise.resolve(false),
        remove: () => Promise.resolve(false),
        list: () => Promise.reject(new Error('connection is closed')),
      });
      const res = await list();
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        error: {
          code: 'OPT_OUTS_UNAVAILABLE',
          message: 'The opt-out list cannot be read or changed now',
        },
      });
    });
  });

  describe('DELETE /{phone}', () => {
    it('takes the number off the list; one not on it is 404', async () => {
      const { remove, optOuts } = await setUp();
      await optOuts.add('+14155550101', { source: 'keypress', at: NOW });

      const removed = await remove('+14155550101');
      const again = await remove('+14155550101');

      expect(removed.status).toBe(204);
      expect(await optOuts.has('+14155550101')).toBe(false);
      expect(again.status).toBe(404);
      expect((again.body as { error: { code: string } }).error.code).toBe('OPT_OUT_NOT_FOUND');
    });

    it('refuses a path that is not an E.164 number', async () => {
      const { remove } = await setUp();
      const res = await remove('4155550101');
      expect(res.status).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('INVALID_OPT_OUT');
    });
  });
});
