import type { Request, Response } from 'express';

/**
 * A browser asks every origin for /favicon.ico. Without an answer each page load of the admin
 * page cost a 404 and a WARN with a stack; a tiny icon costs nothing and is cached for a day.
 */
const ICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">' +
    '<rect width="16" height="16" rx="3" fill="#1d4ed8"/>' +
    '<path d="M4 4v8M12 4v8M4 8h8" stroke="#fff" stroke-width="2"/></svg>',
);

export function sendFavicon(_req: Request, res: Response): void {
  res
    .status(200)
    .setHeader('Cache-Control', 'public, max-age=86400')
    .type('image/svg+xml')
    .send(ICON);
}
