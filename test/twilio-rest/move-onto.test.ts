import { moveOnto } from '../../src/twilio-rest/http-client.js';

describe('moveOnto (TWILIO_API_BASE_URL)', () => {
  it('keeps the path and query, replaces scheme, host and port', () => {
    expect(
      moveOnto(
        new URL('http://127.0.0.1:3001'),
        'https://taskrouter.twilio.com/v1/Workspaces/WS1/TaskQueues?PageSize=1000&Page=1&PageToken=PT9',
      ),
    ).toBe('http://127.0.0.1:3001/v1/Workspaces/WS1/TaskQueues?PageSize=1000&Page=1&PageToken=PT9');
  });

  it('puts the path under a base that has a path of its own', () => {
    expect(
      moveOnto(
        new URL('https://proxy.example.test/twilio/'),
        'https://api.twilio.com/2010-04-01/Accounts/AC1/Queues.json',
      ),
    ).toBe('https://proxy.example.test/twilio/2010-04-01/Accounts/AC1/Queues.json');
  });
});
