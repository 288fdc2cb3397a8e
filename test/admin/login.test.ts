import request from 'supertest';
import { createSessionKeys, SESSION_SECONDS } from '../../src/admin/session.js';
import {
  ORIGIN,
  START,
  TOKEN,
  buildAdminRouterApp,
  csrfOf,
  sessionCookieOf,
  textOf,
} from './admin-router-app.js';

const postLogin = (app: Parameters<typeof request>[0], token: string, origin = ORIGIN) =>
  request(app).post('/admin/login').type('form').set('Origin', origin).send({ token });

describe('GET /admin', () => {
  it('without a session, answers the login page: a labelled password field and a submit button', async () => {
    const { app } = buildAdminRouterApp();
    const res = await request(app).get('/admin');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    // So that the browser names our origin on the form post (helmet's no-referrer would make it "null").
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.text).toContain('<form class="login" method="post" action="/admin/login">');
    expect(res.text).toContain('<label for="token">Admin token</label>');
    expect(res.text).toMatch(/<input\s+id="token"\s+name="token"\s+type="password"/);
    expect(res.text).toContain('<button type="submit">Log in</button>');
    expect(res.text).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    );
    expect(res.text).not.toContain('csrf-token');
  });

  it('answers under the Content-Security-Policy of helmet, which allows no inline script', async () => {
    const { app } = buildAdminRouterApp();
    const res = await request(app).get('/admin');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('POST /admin/login', () => {
  it('with the right token, sets an HttpOnly, SameSite=Strict, Secure session cookie on /admin and redirects (303) to /admin', async () => {
    const { app, logs } = buildAdminRouterApp();
    const res = await postLogin(app, TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const setCookie = res.headers['set-cookie'] as unknown as string[];
    expect(setCookie).toHaveLength(1);
    const [pair, ...attributes] = (setCookie[0] ?? '').split(';').map((part) => part.trim());
    expect(pair).toMatch(/^holdline_admin=\d+\.[\w-]{22}\.[\w-]{43}$/);
    expect(attributes.filter((a) => !a.startsWith('Expires='))).toEqual([
      `Max-Age=${SESSION_SECONDS}`,
      'Path=/admin',
      'HttpOnly',
      'Secure',
      'SameSite=Strict',
    ]);
    expect(attributes.filter((a) => a.startsWith('Expires='))).toHaveLength(1);
    expect(logs.some((line) => line.msg === 'admin logged in')).toBe(true);
  });

  it('leaves Secure off when the app is served over plain http (a local demo)', async () => {
    const { app } = buildAdminRouterApp({ publicBaseUrl: 'http://localhost:3000' });
    const res = await postLogin(app, TOKEN, 'http://localhost:3000');
    expect(res.status).toBe(303);
    const line = (res.headers['set-cookie'] as unknown as string[])[0] ?? '';
    expect(line).toContain('HttpOnly');
    expect(line).not.toContain('Secure');
  });

  it('the cookie then opens the dashboard, with a CSRF token in a meta tag and the logout form', async () => {
    const { app } = buildAdminRouterApp();
    const cookie = sessionCookieOf((await postLogin(app, TOKEN)).headers['set-cookie']);
    const res = await request(app)
      .get('/admin')
      .set('Cookie', cookie ?? '');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const csrf = csrfOf(res.text);
    expect(csrf).toMatch(/^[\w-]{43}$/);
    expect(res.text).toContain(`<input type="hidden" name="_csrf" value="${csrf}" />`);
    expect(res.text).toContain('<table id="queues-table">');
    expect(res.text).toMatch(
      /<script type="module" src="\/admin\/assets\/main\.js\?v=[\w-]{16}"><\/script>/,
    );
  });

  it('with a wrong token, answers 401 with the login page and an error, sets no cookie, and never logs the token', async () => {
    const { app, logs } = buildAdminRouterApp();
    const wrong = 'wrong-token-that-must-not-be-logged';
    const res = await postLogin(app, wrong);
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain(
      '<p id="login-error" class="error" role="alert">That token is not right. Check it and try again.</p>',
    );
    expect(res.text).toContain('aria-invalid="true"');
    const refusal = logs.find((line) => line.msg === 'admin login refused: wrong token');
    expect(refusal).toMatchObject({ level: 40, tokenGiven: true });
    expect(textOf(logs)).not.toContain(wrong);
    expect(textOf(logs)).not.toContain(TOKEN);
  });

  it('refuses a prefix of the token, the token with a character more, and an empty one', async () => {
    const { app } = buildAdminRouterApp();
    for (const token of [TOKEN.slice(0, -1), `${TOKEN}x`, '']) {
      const res = await postLogin(app, token);
      expect(res.status).toBe(401);
    }
  });

  it('after 10 wrong tokens from one address, refuses even the right one for a minute (429, Retry-After)', async () => {
    const { app, advance } = buildAdminRouterApp();
    for (let i = 0; i < 10; i += 1) expect((await postLogin(app, `guess-${i}`)).status).toBe(401);
    const blocked = await postLogin(app, TOKEN);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.headers['set-cookie']).toBeUndefined();
    expect(blocked.text).toContain(
      'Too many wrong tokens from your address. Try again in 60 seconds.',
    );
    advance(60_000);
    expect((await postLogin(app, TOKEN)).status).toBe(303);
  });

  it('refuses a login form sent from another origin (login CSRF), and says where the page lives', async () => {
    const { app } = buildAdminRouterApp();
    const res = await postLogin(app, TOKEN, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain(
      'This form was sent from https://evil.example, not from https://holdline.example.test (PUBLIC_BASE_URL).',
    );
  });

  it('accepts Origin: null only when the browser says the form is same-origin (Sec-Fetch-Site)', async () => {
    const { app } = buildAdminRouterApp();
    const ours = await request(app)
      .post('/admin/login')
      .type('form')
      .set('Origin', 'null')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ token: TOKEN });
    expect(ours.status).toBe(303);
    for (const site of [undefined, 'cross-site', 'same-site']) {
      const post = request(app).post('/admin/login').type('form').set('Origin', 'null');
      const res = await (site === undefined ? post : post.set('Sec-Fetch-Site', site)).send({
        token: TOKEN,
      });
      expect(res.status).toBe(403);
    }
  });

  it('accepts a form without an Origin header (left to SameSite and the token itself)', async () => {
    const { app } = buildAdminRouterApp();
    const res = await request(app).post('/admin/login').type('form').send({ token: TOKEN });
    expect(res.status).toBe(303);
  });
});

describe('the session cookie', () => {
  it('expires after 12 hours: the login page again, saying so, and the stale cookie is cleared', async () => {
    const { app, login, advance } = buildAdminRouterApp();
    const { cookie } = await login();
    advance(SESSION_SECONDS * 1000 - 1);
    expect((await request(app).get('/admin').set('Cookie', cookie)).text).toContain('csrf-token');
    advance(1);
    const res = await request(app).get('/admin').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('csrf-token');
    expect(res.text).toContain('Your session has ended. Log in again.');
    expect(res.headers['set-cookie']?.[0]).toMatch(
      /^holdline_admin=; Path=\/admin; Expires=Thu, 01 Jan 1970/,
    );
  });

  it('is refused when forged: another signature, a longer expiry, or signed with another token', async () => {
    const { app, login } = buildAdminRouterApp();
    const { cookie } = await login();
    const [expiry, nonce, signature] = cookie.split('=')[1]?.split('.') ?? [];
    const forged = [
      `holdline_admin=${expiry}.${nonce}.${'A'.repeat(43)}`,
      `holdline_admin=${Number(expiry) + 1}.${nonce}.${signature}`,
      `holdline_admin=${createSessionKeys('another-admin-token-0123456789').issue(START)}`,
      'holdline_admin=garbage',
    ];
    for (const value of forged) {
      const page = await request(app).get('/admin').set('Cookie', value);
      expect(page.text).not.toContain('csrf-token');
      const api = await request(app).get('/admin/api/queues').set('Cookie', value);
      expect(api.status).toBe(401);
    }
  });

  it('stops working when ADMIN_TOKEN changes', async () => {
    const { login } = buildAdminRouterApp();
    const { cookie } = await login();
    const other = buildAdminRouterApp({ adminToken: 'a-new-admin-token-0123456789' });
    const res = await request(other.app).get('/admin/api/queues').set('Cookie', cookie);
    expect(res.status).toBe(401);
  });
});

describe('POST /admin/logout', () => {
  it('with the CSRF token of the form, clears the cookie and shows the login page', async () => {
    const { app, login } = buildAdminRouterApp();
    const { cookie, csrf } = await login();
    const res = await request(app)
      .post('/admin/logout')
      .type('form')
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .send({ _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin?logged-out');
    expect(res.headers['set-cookie']?.[0]).toMatch(
      /^holdline_admin=; Path=\/admin; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/,
    );
    const page = await request(app).get('/admin?logged-out');
    expect(page.text).toContain('You have logged out.');
  });

  it('without the CSRF token, or from another origin, answers 403 and keeps the session', async () => {
    const { app, login } = buildAdminRouterApp();
    const { cookie, csrf } = await login();
    const attempts = [
      request(app).post('/admin/logout').type('form').set('Cookie', cookie).send({}),
      request(app).post('/admin/logout').type('form').set('Cookie', cookie).send({ _csrf: 'x' }),
      request(app)
        .post('/admin/logout')
        .type('form')
        .set('Cookie', cookie)
        .set('Origin', 'https://evil.example')
        .send({ _csrf: csrf }),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect(res.status).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });
});

describe('without ADMIN_TOKEN', () => {
  it('every admin page answers 503 saying the page is off and how to turn it on', async () => {
    const { app } = buildAdminRouterApp({ adminToken: null });
    for (const path of ['/admin', '/admin/anything']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(503);
      expect(res.text).toContain('The admin page is off because ADMIN_TOKEN is not set.');
      expect(res.text).toContain('set ADMIN_TOKEN to a long random secret');
    }
    const login = await request(app).post('/admin/login').type('form').send({ token: 'x' });
    expect(login.status).toBe(503);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('the admin API answers 503 ADMIN_DISABLED', async () => {
    const { app } = buildAdminRouterApp({ adminToken: null });
    const res = await request(app).get('/admin/api/queues');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: {
        code: 'ADMIN_DISABLED',
        message: 'The admin page is off: set ADMIN_TOKEN to turn it on',
      },
    });
  });
});

describe('GET /admin/assets/:file', () => {
  it('serves the stylesheet and the entry module with their content types; immutable when asked by hash', async () => {
    const { app } = buildAdminRouterApp();
    const page = await request(app).get('/admin');
    const cssHref = /href="(\/admin\/assets\/admin\.css\?v=[\w-]+)"/.exec(page.text)?.[1] ?? '';
    const css = await request(app).get(cssHref);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.text).toContain('.table-scroll');

    const cookie = sessionCookieOf((await postLogin(app, TOKEN)).headers['set-cookie']);
    const dashboard = await request(app)
      .get('/admin')
      .set('Cookie', cookie ?? '');
    const entryHref = /src="(\/admin\/assets\/main\.js\?v=[\w-]+)"/.exec(dashboard.text)?.[1] ?? '';
    expect(entryHref).not.toBe('');
    const entry = await request(app).get(entryHref);
    expect(entry.status).toBe(200);
    expect(entry.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(entry.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(entry.text).toContain("from './editor.js'");

    const unhashed = await request(app).get('/admin/assets/main.js');
    expect(unhashed.status).toBe(200);
    expect(unhashed.headers['cache-control']).toBe('no-cache');
  });

  it('serves the modules the entry imports (by plain relative specifiers) for revalidation: no-cache, ETag, 304', async () => {
    const { app } = buildAdminRouterApp();
    const js = await request(app).get('/admin/assets/dom.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('no-cache');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect(js.text).toContain('export function el(');
    const revalidated = await request(app)
      .get('/admin/assets/dom.js')
      .set('If-None-Match', js.headers.etag ?? '');
    expect(revalidated.status).toBe(304);
  });

  it('answers 404 for any other file, including paths that try to leave views/', async () => {
    const { app } = buildAdminRouterApp();
    for (const path of [
      '/admin/assets/login.html',
      '/admin/assets/nope.js',
      '/admin/assets/admin.js',
      '/admin/assets/admin%2Fmain.js',
      '/admin/assets/..%2Fpackage.json',
      '/admin/assets/../../package.json',
    ]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('"name": "holdline"');
    }
  });

  it('are served without a session (the login page needs the stylesheet)', async () => {
    const { app } = buildAdminRouterApp();
    expect((await request(app).get('/admin/assets/admin.css')).status).toBe(200);
  });
});

describe('other /admin paths', () => {
  it('answer a 404 page; GET /admin/login goes to /admin', async () => {
    const { app } = buildAdminRouterApp();
    const missing = await request(app).get('/admin/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('There is no such admin page.');
    const login = await request(app).get('/admin/login');
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/admin');
  });
});
