import { importContacts } from '../../src/outbound/contact-import.js';

const csv = (body: string, maxContacts?: number) =>
  importContacts({ format: 'csv', body, defaultCountry: 'US', maxContacts });
const json = (items: unknown, maxContacts?: number) =>
  importContacts({
    format: 'json',
    body: JSON.stringify(items),
    defaultCountry: 'US',
    maxContacts,
  });

describe('importContacts (CSV)', () => {
  it('reads a header row, normalises numbers to E.164 and keeps other columns as attributes', () => {
    const result = csv(
      [
        'id,name,phone,timezone,plan',
        'c1,Ada Lovelace,(212) 555-0100,America/New_York,gold',
        'c2,,+44 20 7946 0018,,',
      ].join('\n'),
    );
    expect(result).toEqual({
      contacts: [
        {
          id: 'c1',
          name: 'Ada Lovelace',
          phone: '+12125550100',
          timeZone: 'America/New_York',
          attributes: { plan: 'gold' },
        },
        { id: 'c2', phone: '+442079460018', attributes: { plan: '' } },
      ],
      problems: [],
      duplicates: [],
    });
  });

  it('matches column aliases whatever their case, and ids default to the row’s line', () => {
    const result = csv(
      [
        ' Phone_Number ,Contact_ID,TZ,Region',
        '2125550101,,Europe/London,north',
        '2125550102,x9,,south',
      ].join('\n'),
    );
    expect(result.contacts).toEqual([
      {
        id: 'line-2',
        phone: '+12125550101',
        timeZone: 'Europe/London',
        attributes: { Region: 'north' },
      },
      { id: 'x9', phone: '+12125550102', attributes: { Region: 'south' } },
    ]);
  });

  it('takes the first alias in order when a list has several (phone before to)', () => {
    const result = csv(['to,phone', '2125550101,2125550102'].join('\n'));
    expect(result.contacts).toEqual([
      { id: 'line-2', phone: '+12125550102', attributes: { to: '2125550101' } },
    ]);
  });

  it('tolerates a BOM, CRLF, quotes and cells spanning lines, and counts rows as a spreadsheet does', () => {
    const body =
      '\uFEFF"phone","name","note"\r\n' +
      '"+1 212 555 0101","Smith, John","said ""call me""\r\nafter six"\r\n' +
      '2125550102,Jane,"two\r\nmore\r\nlines"\r\n' +
      '\r\n' +
      'not a number,Bad,\r\n';
    const result = csv(body);
    expect(result.contacts).toEqual([
      {
        id: 'line-2',
        phone: '+12125550101',
        name: 'Smith, John',
        attributes: { note: 'said "call me"\r\nafter six' },
      },
      {
        id: 'line-3',
        phone: '+12125550102',
        name: 'Jane',
        attributes: { note: 'two\r\nmore\r\nlines' },
      },
    ]);
    // Header 1, two rows with multi-line cells (2, 3), a blank row (4): the bad row is 5.
    expect(result.problems).toEqual([
      { line: 5, reason: 'not a phone number', value: 'not a number' },
    ]);
  });

  it('reports each bad row with its line, its reasons and the offending text', () => {
    const result = csv(
      [
        'phone,tz,id',
        '2125550101,,a', // 2: fine
        ',,b', // 3: missing phone
        '020 7946 0018,,c', // 4: a UK number written nationally, read as US
        '+1 555 555 0100,,d', // 5: not a number anywhere in +1
        '2125550105,Mars/Olympus,e', // 6: unknown zone
        '12,+05:00,f', // 7: both wrong
        '2125550107 ext. 12,,g', // 8: an extension
        '2125550108,,a', // 9: id repeated
      ].join('\n'),
    );
    expect(result.contacts.map((contact) => contact.id)).toEqual(['a']);
    expect(result.problems).toEqual([
      { line: 3, reason: 'phone is missing' },
      { line: 4, reason: 'not a valid number for US', value: '020 7946 0018' },
      { line: 5, reason: 'not a valid number for +1', value: '+1 555 555 0100' },
      {
        line: 6,
        reason: 'time zone is not an IANA zone name such as America/New_York',
        value: 'Mars/Olympus',
      },
      { line: 7, reason: 'not a valid number for US', value: '12' },
      {
        line: 7,
        reason: 'time zone is not an IANA zone name such as America/New_York',
        value: '+05:00',
      },
      {
        line: 8,
        reason: 'has an extension (12), which cannot be dialled',
        value: '2125550107 ext. 12',
      },
      { line: 9, reason: 'id "a" is already used on line 2', value: 'a' },
    ]);
  });

  it('keeps the first of a repeated number and reports the others, however they were written', () => {
    const result = csv(
      ['phone,id', '2125550101,a', '+1 (212) 555-0101,b', '2125550102,c', '212.555.0101,a'].join(
        '\n',
      ),
    );
    expect(result.contacts.map((contact) => contact.id)).toEqual(['a', 'c']);
    expect(result.duplicates).toEqual([
      { line: 3, firstLine: 2, phone: '+12125550101' },
      { line: 5, firstLine: 2, phone: '+12125550101' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('refuses a row with more filled cells than the header names, keeps short rows', () => {
    const result = csv(
      ['phone,name', '2125550101,Smith,John', '2125550102', '2125550103,Ann,,'].join('\n'),
    );
    expect(result.contacts).toEqual([
      { id: 'line-3', phone: '+12125550102' },
      { id: 'line-4', phone: '+12125550103', name: 'Ann' },
    ]);
    expect(result.problems).toEqual([
      { line: 2, reason: 'has 3 cells where the header names 2 (an unquoted comma?)' },
    ]);
  });

  it('a repeated column name is noted and only the first is read', () => {
    const result = csv(['phone,Name,name', '2125550101,Ann,Bob'].join('\n'));
    expect(result.contacts).toEqual([{ id: 'line-2', phone: '+12125550101', name: 'Ann' }]);
    expect(result.problems).toEqual([
      { line: 1, reason: 'column "name" repeats "Name"; only the first is read', value: 'name' },
    ]);
  });

  it('a quote never closed keeps the rows before it and reports where it starts', () => {
    const result = csv(
      ['phone,name', '2125550101,Ann', '2125550102,"Bob', '2125550103,Cy'].join('\n'),
    );
    expect(result.contacts.map((contact) => contact.phone)).toEqual(['+12125550101']);
    expect(result.problems).toEqual([
      {
        line: 3,
        reason:
          'a quoted cell starts here and is never closed: this row and the rest were not read',
      },
    ]);
  });

  it('a list without a phone column is one problem on line 1', () => {
    expect(csv(['name,mobile', 'Ann,2125550101'].join('\n'))).toEqual({
      contacts: [],
      problems: [
        { line: 1, reason: 'the list has no phone column (phone, phone_number, number or to)' },
      ],
      duplicates: [],
    });
  });

  it.each([
    ['an empty file', '', 'the list is empty'],
    ['a BOM and blank lines', '\uFEFF\r\n\r\n', 'the list is empty'],
    ['a header alone', 'phone,name\r\n,\r\n', 'the list has a header but no contacts under it'],
  ])('%s is one problem on line 1', (_label, body, reason) => {
    expect(csv(body)).toEqual({ contacts: [], problems: [{ line: 1, reason }], duplicates: [] });
  });

  it('stops at maxContacts rows with one problem naming the limit; later rows are not read', () => {
    const body = ['phone', '2125550101', 'bad', '', '2125550103', 'bad again', '2125550105'].join(
      '\n',
    );
    const result = csv(body, 3);
    // Rows 2, 3 and 5 are the three read (the blank row 4 is not a contact); row 6 is the fourth.
    expect(result.contacts.map((contact) => contact.id)).toEqual(['line-2', 'line-5']);
    expect(result.problems).toEqual([
      { line: 3, reason: 'not a phone number', value: 'bad' },
      {
        line: 6,
        reason: 'the list has more than 3 contacts, the limit: this row and the rest were not read',
      },
    ]);
    // Exactly at the limit: no problem.
    expect(csv(['phone', '2125550101', '2125550102'].join('\n'), 2).problems).toEqual([]);
  });

  it('reads national numbers as the default country’s', () => {
    const result = importContacts({
      format: 'csv',
      body: ['phone', '020 7946 0018', '2125550101'].join('\n'),
      defaultCountry: 'GB',
    });
    expect(result.contacts.map((contact) => contact.phone)).toEqual(['+442079460018']);
    expect(result.problems).toEqual([
      { line: 3, reason: 'not a valid number for GB', value: '2125550101' },
    ]);
  });

  it('refuses an unknown default country and a limit that is not a count (caller bugs)', () => {
    expect(() => importContacts({ format: 'csv', body: 'phone', defaultCountry: 'XX' })).toThrow(
      RangeError,
    );
    expect(() => csv('phone\n2125550101', -1)).toThrow(RangeError);
  });
});

describe('importContacts (JSON)', () => {
  it('reads an array of objects with the same names; line is the 1-based position', () => {
    const result = json([
      { phone: '2125550101', name: 'Ann', external_id: 7, vip: true, tags: ['a'] },
      { Number: 2125550102, time_zone: 'America/Chicago', note: null },
      'not an object',
      { to: '2125550101' },
      { phone: 'nope' },
    ]);
    expect(result).toEqual({
      contacts: [
        {
          id: '7',
          phone: '+12125550101',
          name: 'Ann',
          attributes: { vip: 'true', tags: '["a"]' },
        },
        { id: 'line-2', phone: '+12125550102', timeZone: 'America/Chicago' },
      ],
      problems: [
        { line: 3, reason: 'item 3 is not an object' },
        { line: 5, reason: 'not a phone number', value: 'nope' },
      ],
      duplicates: [{ line: 4, firstLine: 1, phone: '+12125550101' }],
    });
  });

  it.each([
    ['an empty array', '[]', 'the list is empty'],
    ['an object', '{"phone":"2125550101"}', 'the list must be a JSON array of objects'],
    [
      'no phone field anywhere',
      '[{"name":"Ann"}]',
      'the list has no phone column (phone, phone_number, number or to)',
    ],
  ])('%s is one problem on line 1', (_label, body, reason) => {
    expect(importContacts({ format: 'json', body, defaultCountry: 'US' })).toEqual({
      contacts: [],
      problems: [{ line: 1, reason }],
      duplicates: [],
    });
  });

  it('text that is not JSON is one problem on line 1', () => {
    const { problems } = importContacts({ format: 'json', body: '[{', defaultCountry: 'US' });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(1);
    expect(problems[0]?.reason).toMatch(/^not valid JSON: /);
  });

  it('tolerates a BOM and applies the limit to items', () => {
    const body = `\uFEFF${JSON.stringify([{ phone: '2125550101' }, { phone: '2125550102' }])}`;
    const result = importContacts({ format: 'json', body, defaultCountry: 'US', maxContacts: 1 });
    expect(result.contacts.map((contact) => contact.phone)).toEqual(['+12125550101']);
    expect(result.problems).toEqual([
      {
        line: 2,
        reason: 'the list has more than 1 contacts, the limit: this row and the rest were not read',
      },
    ]);
  });
});
