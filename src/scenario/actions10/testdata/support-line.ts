/**
 * SCENARIO-LANGUAGE.md section 10.4: the ACTIONS10 document (verbatim, `\${{` being the template
 * literal's escape of `${{`) and its canonical translation (the same JSON, as a literal).
 */

export const SUPPORT_LINE_YAML = `description: Support line
variables: { $support: "+15559820800" }
defaults: { autoAnswer: false }
branches:
  inbound-call:
    actions:
      - action: say@v2
        params: { what: "Welcome. Press 1 for support." }
      - action: gather@v1
        params: { maxDigits: 1, timeout: 5 }
      - if: "$gather.digits == '1'"
        goto: { branch: support }
      - action: say@v2
        params: { what: "Goodbye." }
  support:
    actions:
      - action: dial@v1
        params: { targets: [ { number: "\${{ $support }}", timeout: 20 } ] }
      - if: '!$dial.ok'
        action: say@v2
        params: { what: "Sorry, nobody is available." }
  hangup:
    actions:
      - action: fetch@v2
        params: { url: "https://crm.example.com/calls", method: POST, body: '{"from":"\${{ call.fromNumber }}"}' }
`;

export const SUPPORT_LINE_JSON: unknown = {
  variables: { support: '+15559820800' },
  script: [
    { setVariable: '__branch', value: 'inbound-call' },
    {
      switch: '__branch',
      actionId: 1,
      case: {
        'inbound-call': [
          { say: 'Welcome. Press 1 for support.' },
          { collectInto: '__gather', options: { maxInputLength: 1, timeout: 5 } },
          {
            if: "${__gather == '1'}",
            then: [
              { setVariable: '__branch', value: 'support' },
              { goTo: 1, options: { goToLimit: 100 } },
              'hangup',
            ],
          },
          { say: 'Goodbye.' },
          'hangup',
        ],
        support: [
          { dial: '${support}', options: { ringTimeout: 20 } },
          { if: "${!(dialStatus == 'ANSWER')}", then: [{ say: 'Sorry, nobody is available.' }] },
          'hangup',
        ],
      },
    },
  ],
  onHangup: [
    { request: 'https://crm.example.com/calls', options: { method: 'POST', body: '{"from":"${from}"}' } },
  ],
};

/** Section 10.4's YAML with one replacement, for tests that vary a single value. */
export function supportLineWith(search: string, replacement: string): string {
  if (!SUPPORT_LINE_YAML.includes(search)) throw new Error(`"${search}" is not in section 10.4's YAML`);
  return SUPPORT_LINE_YAML.replace(search, replacement);
}
