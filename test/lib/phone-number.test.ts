import { normalizePhoneNumber } from '../../src/lib/phone-number.js';

describe('normalizePhoneNumber', () => {
  it.each([
    ['+15551234567', '+15551234567'],
    [' +1 (555) 123-4567 ', '+15551234567'],
    ['+44 20.7946.0958', '+442079460958'],
    ['+123', '+123'],
    ['+123456789012345', '+123456789012345'],
  ])('turns %j into %j', (raw, expected) => {
    expect(normalizePhoneNumber(raw)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    '   ',
    '12',
    '15551234567',
    '(555) 123-4567',
    '+12',
    '+1234567890123456',
    'client:alice',
    'sip:alice@example.test',
    'anonymous',
    '++15551234567',
    '+1555123456x7',
  ])('says %j is not a phone number', (raw) => {
    expect(normalizePhoneNumber(raw)).toBeUndefined();
  });
});
