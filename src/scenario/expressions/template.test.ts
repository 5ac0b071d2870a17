import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isSingleExpression,
  parseTemplate,
  renderTemplate,
  type Template,
  type TemplateIssue,
} from './template.js';

function template(source: string): Template {
  const result = parseTemplate(source);
  assert.ok(result.ok, result.ok ? '' : `${result.issue.message} at ${result.issue.offset}`);
  return result.template;
}

function refused(source: string): TemplateIssue {
  const result = parseTemplate(source);
  assert.ok(!result.ok, `expected ${source} to be refused`);
  return result.issue;
}

function render(source: string, variables: Readonly<Record<string, string>> = {}) {
  return renderTemplate(template(source), new Map(Object.entries(variables)));
}

test('${name} inserts the variable and ${expr} the string form of the expression', () => {
  assert.equal(render('Hello ${name}.', { name: 'Ana' }).text, 'Hello Ana.');
  assert.equal(render('${counter + 1}', { counter: '41' }).text, '42');
  assert.equal(
    render("${balance * 2} euros, vip ${vip == 'true'}", { balance: '6.25', vip: 'true' }).text,
    '12.5 euros, vip true',
  );
  assert.equal(render('${1 / 10000000}').text, '0.0000001');
  assert.equal(render('[${missing}]').text, '[]');
});

test('a template lists its parts and the distinct variables it reads', () => {
  const parsed = template('Dear ${first} ${last}, ${first}!');
  assert.deepEqual(
    parsed.parts.map((part) => (part.kind === 'text' ? part.text : part.expression.source)),
    ['Dear ', '${first}', ' ', '${last}', ', ', '${first}', '!'],
  );
  assert.deepEqual(parsed.variables, ['first', 'last']);
  assert.equal(parsed.isPlain, false);
  assert.ok(Object.isFrozen(parsed) && Object.isFrozen(parsed.parts));
});

test('$${ is a literal ${ and leaves the template plain', () => {
  const parsed = template('Type $${name} to see $${name}');
  assert.equal(parsed.isPlain, true);
  assert.deepEqual(parsed.parts, [{ kind: 'text', text: 'Type ${name} to see ${name}' }]);
});

test('a lone $, $$ and $ before text are literal', () => {
  assert.equal(render('$5, $$ and $ {x}').text, '$5, $$ and $ {x}');
  assert.equal(template('costs $').isPlain, true);
});

test('$$${x} reads as $ then the literal ${, so a dollar before a value is written ${"$"}${x}', () => {
  assert.equal(render('$$${x}', { x: '9' }).text, '$${x}');
  assert.equal(render('${"$"}${x}', { x: '9' }).text, '$9');
});

test('an unterminated ${ is an invalid interpolation at its offset', () => {
  assert.deepEqual(refused('Hello ${name'), {
    code: 'VG_ERR_SCENARIO_INVALID_INTERPOLATION',
    message: "unterminated '${'",
    offset: 6,
  });
  assert.equal(refused('${a} and ${').offset, 9);
  assert.equal(refused('${${a}').code, 'VG_ERR_SCENARIO_INVALID_INTERPOLATION');
});

test('braces inside quoted strings do not end the expression', () => {
  assert.equal(render("${a == '}'}", { a: '}' }).text, 'true');
  assert.equal(render('${"{" + a + "}"}!', { a: 'x' }).text, '{x}!');
  assert.equal(render("${'${not a reference}'}").text, '${not a reference}');
});

test('a nested ${…} primary balances its own brace', () => {
  assert.equal(render('<${ ${a} + 1 }>', { a: '1' }).text, '<2>');
});

test('syntax and complexity issues inside ${…} carry offsets into the whole string', () => {
  assert.deepEqual(refused('Hi ${a.b}'), {
    code: 'VG_ERR_SCENARIO_EXPRESSION_SYNTAX',
    message: "member access ('.') is not supported",
    offset: 6,
  });
  assert.equal(refused('Hi ${a == b == c}').offset, 12);
  assert.equal(refused("x ${'open}").offset, 4);
  assert.equal(refused('${}').offset, 2);
  assert.equal(
    refused(`x \${${'('.repeat(40)}1${')'.repeat(40)}}`).code,
    'VG_ERR_SCENARIO_EXPRESSION_TOO_COMPLEX',
  );
});

test('rendering is one pass: a value that looks like ${…} is inserted as it is', () => {
  assert.equal(
    render('Said: ${said}', { said: '${secret} $${x}', secret: 'no' }).text,
    'Said: ${secret} $${x}',
  );
});

test('the encode hook applies to each value, never to the template text', () => {
  const result = renderTemplate(
    template('https://crm.example.com/?q=${q}&from=${from}'),
    new Map([
      ['q', 'a&b c'],
      ['from', '+33 1'],
    ]),
    {
      encode: encodeURIComponent,
    },
  );
  assert.equal(result.text, 'https://crm.example.com/?q=a%26b%20c&from=%2B33%201');
  const xml = renderTemplate(template('<speak>${name}</speak>'), new Map([['name', '<b>&']]), {
    encode: (value) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;'),
  });
  assert.equal(xml.text, '<speak>&lt;b>&amp;</speak>');
});

test('an expression error inserts "" and reports its message with the offset in the string', () => {
  const result = renderTemplate(template('a${1 / 0}b${x}'), new Map([['x', 'c']]), {
    encode: (value) => `[${value}]`,
  });
  assert.equal(result.text, 'ab[c]');
  assert.deepEqual(result.errors, ['division by zero (at offset 5)']);
});

test('a rendered text past maxLength is cut there and reported', () => {
  const result = renderTemplate(template('${a}${a}${a}'), new Map([['a', 'xyz']]), { maxLength: 7 });
  assert.deepEqual(result, {
    text: 'xyzxyzx',
    errors: ['the text is longer than 7 characters and was cut'],
    truncated: true,
  });
  const pair = renderTemplate(template('${a}'), new Map([['a', 'x😀']]), { maxLength: 2 });
  assert.equal(pair.text, 'x');
});

test('isSingleExpression is true only when the whole string is one ${…}', () => {
  assert.equal(isSingleExpression(template('${url}')), true);
  assert.equal(isSingleExpression(template("${base + '/x'}")), true);
  assert.equal(isSingleExpression(template(' ${url}')), false);
  assert.equal(isSingleExpression(template('${a}${b}')), false);
  assert.equal(isSingleExpression(template('https://x')), false);
  assert.equal(isSingleExpression(template('')), false);
});

test('an empty or plain string renders as itself', () => {
  assert.deepEqual(render(''), { text: '', errors: [], truncated: false });
  assert.equal(template('').isPlain, true);
  assert.equal(render("It's {fine}").text, "It's {fine}");
});
