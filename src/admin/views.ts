import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';

/** views/ at the repository root: two levels up from src/admin and from dist/admin alike. */
export const VIEWS_DIR = path.resolve(__dirname, '..', '..', 'views');

const TEMPLATES = ['login', 'dashboard', 'message'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const STYLESHEET = 'admin.css';
/** The page's browser script: native ES modules, every `.js` file directly in views/admin/. */
const MODULES_DIR = 'admin';
/** The module dashboard.html loads; it imports the others with relative specifiers. */
const ENTRY_MODULE = 'main.js';
const JS_TYPE = 'text/javascript; charset=utf-8';

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly hash: string;
}

export interface AdminViews {
  /** A template with its `{{name}}` placeholders replaced by HTML-escaped values. */
  render(name: TemplateName, values?: Readonly<Record<string, string>>): string;
  /** GET /admin/assets/:file: known files only; immutable when asked for by content hash. */
  serveAsset(req: Request, res: Response): void;
}

/**
 * The admin page's HTML, CSS and browser script, read once when the router is built. Pages are
 * static templates: the script builds everything that shows data, with textContent, so the
 * server only ever substitutes a few escaped strings (the CSRF token, a message).
 *
 * Caching: a file asked for with its content hash (`?v=`) is immutable; any other request gets
 * `no-cache` and an ETag, so the browser revalidates (a 304 when unchanged). The page names the
 * stylesheet and the entry module by hash; the entry imports the other modules by plain
 * relative specifiers (`./dom.js`), so those are revalidated on each page load. We chose that
 * over rewriting import specifiers to hashed URLs: a rewrite would need each module's hash to
 * cover those of everything it imports (hashes computed in dependency order, no cycles), and a
 * specifier the rewrite missed would load a second copy of a module under another URL. A few
 * 304s per page load are nothing for a supervisors' page; a new deploy is still picked up at
 * once, since the page itself is never cached.
 */
export function loadAdminViews(dir: string = VIEWS_DIR): AdminViews {
  const assets = loadAssets(dir);
  const href = (file: string) => `/admin/assets/${file}?v=${assets.get(file)?.hash ?? ''}`;
  const shared = { cssHref: href(STYLESHEET), entryModuleHref: href(ENTRY_MODULE) };
  const templates = new Map<TemplateName, string>(
    TEMPLATES.map((name) => [name, readFileSync(path.join(dir, `${name}.html`), 'utf8')]),
  );

  return {
    render(name, values = {}) {
      const all: Record<string, string> = { ...shared, ...values };
      return (templates.get(name) ?? '').replace(/\{\{(\w+)\}\}/g, (_placeholder, key: string) => {
        const value = all[key];
        if (value === undefined) throw new Error(`views/${name}.html: no value for {{${key}}}`);
        return escapeHtml(value);
      });
    },

    serveAsset(req, res) {
      const file: unknown = req.params.file;
      const asset = typeof file === 'string' ? assets.get(file) : undefined;
      if (asset === undefined) {
        res.status(404).type('text/plain; charset=utf-8').send('No such asset\n');
        return;
      }
      res.setHeader('ETag', `"${asset.hash}"`);
      res.setHeader(
        'Cache-Control',
        req.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      if (req.fresh) {
        res.status(304).end();
        return;
      }
      res.type(asset.type).send(asset.body);
    },
  };
}

/**
 * The only files GET /admin/assets/<file> serves, by bare file name: the stylesheet and the
 * modules in views/admin/, read once at start-up. A request names a key of this map, never a path.
 */
function loadAssets(dir: string): ReadonlyMap<string, Asset> {
  const modulesDir = path.join(dir, MODULES_DIR);
  const modules = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => entry.name)
    .sort();
  if (!modules.includes(ENTRY_MODULE)) {
    throw new Error(
      `views/${MODULES_DIR}/${ENTRY_MODULE}: the admin page's entry module is missing`,
    );
  }
  const assets = new Map<string, Asset>();
  assets.set(STYLESHEET, readAsset(path.join(dir, STYLESHEET), 'text/css; charset=utf-8'));
  for (const file of modules) assets.set(file, readAsset(path.join(modulesDir, file), JS_TYPE));
  return assets;
}

function readAsset(file: string, type: string): Asset {
  const body = readFileSync(file);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { body, type, hash };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
