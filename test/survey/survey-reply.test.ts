import { readReply } from '../../src/survey/survey-reply.js';

describe('readReply', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop ',
    'STOPALL',
    'UNSUBSCRIBE',
    'CANCEL',
    'END',
    'QUIT',
    'REVOKE',
    'OPTOUT',
  ])('%p stops', (body) => expect(readReply(body)).toEqual({ kind: 'stop' }));
  it.each(['START', 'yes', 'UNSTOP'])('%p starts again', (body) =>
    expect(readReply(body)).toEqual({ kind: 'start' }),
  );
  it.each(['HELP', 'info'])('%p asks for help', (body) =>
    expect(readReply(body)).toEqual({ kind: 'help' }),
  );

  it.each([
    ['4', { kind: 'score', score: 4 }],
    [' 5 ', { kind: 'score', score: 5 }],
    ['3/5', { kind: 'score', score: 3 }],
    ['1 star', { kind: 'score', score: 1 }],
    ['5 stars!', { kind: 'score', score: 5 }],
    ['2 - slow but kind', { kind: 'score', score: 2, comment: 'slow but kind' }],
  ])('%p is a score', (body, expected) => expect(readReply(body)).toEqual(expected));

  it.each(['Stop texting me', '10', '0', '6', '4.5', 'great service', 'yes please'])(
    '%p is a comment',
    (body) => expect(readReply(body)).toEqual({ kind: 'comment', comment: body }),
  );

  it('an empty reply is nothing', () => {
    expect(readReply('  ')).toEqual({ kind: 'empty' });
  });
});
