import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';

/** views/ at the repository root: two levels up from src/admin and from dist/admin alike. */
export const VIEWS_DIR = path.resolve(__dirname, '..', '..', 'views');

const TEMPLATES = ['login', 'dashboard', 'message'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** The only files GET /admin/assets/<file> serves. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  'admin.css': 'text/css; charset=utf-8',
  'admin.js': 'text/javascript; charset=utf-8',
};

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
 */
export function loadAdminViews(dir: string = VIEWS_DIR): AdminViews {
  const assets = new Map<string, Asset>(
    Object.entries(ASSET_TYPES).map(([file, type]) => {
      const body = readFileSync(path.join(dir, file));
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
      return [file, { body, type, hash }];
    }),
  );
  const href = (file: string) => `/admin/assets/${file}?v=${assets.get(file)?.hash ?? ''}`;
  const shared = { cssHref: href('admin.css'), jsHref: href('admin.js') };
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

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
