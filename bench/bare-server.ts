import express from 'express';
import { createAppServer } from '../src/http/app-server.js';

/**
 * The benchmark's baseline: the least an Express 5 app can do for a wait webhook, answering a
 * constant document shaped like holdline's (a Say, a 20 s Pause, a POST Redirect), served by
 * app.listen as Express apps are. It reads no body and checks no signature.
 */
const CONSTANT_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response>' +
  '<Say voice="Polly.Joanna" language="en-US">You are number 3 in line.</Say>' +
  '<Pause length="20"/>' +
  '<Redirect method="POST">http://127.0.0.1:3000/voice/wait?queue=customers&amp;position=3&amp;announced=42</Redirect>' +
  '</Response>';

const app = express();
// holdline turns ETags off too; left on, the baseline would pay a body hash holdline does not.
app.set('etag', false);
app.post('/voice/wait', (_req, res) => {
  res.type('text/xml').send(CONSTANT_TWIML);
});
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

const port = Number(process.env.PORT ?? '0');
// BARE_SERVER=holdline serves it as holdline is served (src/http/app-server.ts), to show how
// much of the difference is that server and how much is holdline's own work.
const server =
  process.env.BARE_SERVER === 'holdline'
    ? createAppServer(app).listen(port, '127.0.0.1')
    : app.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
