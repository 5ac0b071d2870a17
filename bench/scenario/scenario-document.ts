/**
 * The benchmark's scenario: a 50-action customer-service IVR in the canonical
 * JSON form (SCENARIO-LANGUAGE.md section 2), and the scripted caller that
 * walks it. Actions are counted at every level, as the compiler's
 * `actionCount` does; the benchmark refuses to run when the count is not 50.
 *
 * The caller presses a wrong key first (the Go To replays the menu), then 1
 * for billing, enters an 8-digit account number and confirms with 1, so one
 * call runs the menu twice, the While loop three times, the For Each over four
 * items, one Call API, one Send SMS, and ends on the Hang-up.
 */
import type { ScenarioDocument } from '../../src/scenario/compiler/index.js';
import type { CallerScript } from '../../src/scenario/simulator/index.js';

export const EXPECTED_ACTION_COUNT = 50;

/** What the local CRM answers: every first-level primitive field becomes a variable (section 5.1). */
export const CRM_RESPONSE = {
  customerName: 'Ana',
  balance: 12.5,
  vip: true,
  ticketId: 'T-1001',
  orders: [1, 2],
};

export const CRM_PATH = '/crm/lookup';
export const CRM_TOKEN = 'bench-token';

/** The numbers of every simulated call: an inbound call from a mobile to the IVR's DID. */
export const CALLER_NUMBER = '+41793026727';
export const DID_NUMBER = '+41793026700';

/** What the scripted caller's path makes the Call API send, checked by the local server. */
export const EXPECTED_CRM_QUERY = `dept=billing&caller=${encodeURIComponent(CALLER_NUMBER)}`;
export const EXPECTED_CRM_BODY: Readonly<Record<string, string>> = {
  account: '12345678',
  caller: CALLER_NUMBER,
  dept: 'billing',
  visits: '2',
  items: 'modem;router;phone;sim;',
  router: 'true',
};

/** The variable `outcome` at the end of a call that took the scripted path with a successful Call API. */
export const EXPECTED_OUTCOME = 'billing-SUCCESS-high';

/** `crmUrl` is the local server's origin, e.g. `http://127.0.0.1:41234`. */
export function scenarioDocument(crmUrl: string): ScenarioDocument {
  return {
    // Declared so the lint knows the Call API's response sets them (VARIABLE_NOT_SET otherwise).
    variables: {
      customerName: '',
      balance: '0',
      vip: 'false',
      ticketId: '',
      itemList: '',
      hasRouter: 'false',
    },
    script: [
      { say: 'Welcome to Acme Telecom. Calls may be recorded for training.', options: { language: 'en' } },
      { setVariable: 'menuVisits', value: '0' },
      { say: 'For billing press 1, for orders press 2, for technical support press 3.', actionId: 10 },
      {
        collectInto: 'menu',
        options: {
          maxInputLength: 1,
          timeout: 5,
          mappedValues: { '1': 'billing', '2': 'orders', '3': 'support' },
        },
      },
      { setVariable: 'menuVisits', value: '${menuVisits + 1}' },
      {
        switch: 'menu_Meaning',
        case: {
          billing: [
            { say: 'Billing. Please enter your account number, then press hash.' },
            { collectInto: 'account', options: { maxInputLength: 8, timeout: 5, interDigitTimeout: 3 } },
            { setVariable: 'dept', value: 'billing' },
          ],
          orders: [{ setVariable: 'dept', value: 'orders' }, { say: 'Orders. One moment please.' }],
          support: [
            { setVariable: 'dept', value: 'support' },
            { say: 'Technical support. One moment please.' },
          ],
          __default: [
            { say: 'Sorry, I did not get that.' },
            { goTo: 10, options: { goToLimit: 2, countVariable: 'menuTries' } },
            { say: 'Goodbye.' },
            'hangup',
          ],
        },
      },
      { setVariable: 'counter', value: '0' },
      {
        while: '${counter < 3}',
        do: [
          { setVariable: 'counter', value: '${counter + 1}' },
          {
            if: '${counter == 2}',
            then: [{ setVariable: 'midpoint', value: 'reached at ${counter}' }],
            else: [{ setVariable: 'lastOdd', value: '${counter}' }],
          },
        ],
      },
      { setVariable: 'items', value: 'modem,router,phone,sim' },
      {
        'for-each': 'item',
        in: '${items}',
        do: [
          { setVariable: 'itemList', value: "${itemList + item + ';'}" },
          { if: "${item == 'router'}", then: [{ setVariable: 'hasRouter', value: 'true' }] },
        ],
      },
      {
        request: `${crmUrl}${CRM_PATH}?dept=\${dept}&caller=\${from}`,
        options: {
          method: 'POST',
          headers: { authorization: `Bearer ${CRM_TOKEN}`, 'x-call-id': '${callId}' },
          body: {
            account: '${account}',
            caller: '${from}',
            dept: '${dept}',
            visits: '${menuVisits}',
            items: '${itemList}',
            router: '${hasRouter}',
          },
          collectResponse: true,
          timeout: 5,
        },
      },
      {
        if: "${callApiOutcome == 'SUCCESS' && balance > 0}",
        then: [
          { say: 'Hello ${customerName}. Your balance is ${balance} euros.' },
          {
            if: '${vip}',
            then: [
              { say: 'As a valued customer you have priority service.' },
              { setVariable: 'priority', value: 'high' },
            ],
            else: [{ setVariable: 'priority', value: 'normal' }],
          },
        ],
        else: [
          { say: 'Our system is unavailable. Please try again later.' },
          { setVariable: 'priority', value: 'none' },
        ],
      },
      {
        switch: '${priority}',
        case: {
          high: [
            {
              sendSms: {
                text: 'Thanks ${customerName}, ticket ${ticketId} is open with priority.',
                to: '${from}',
                from: 'Acme',
              },
            },
          ],
          __default: [
            {
              sendSms: { text: 'Thanks for calling Acme, ticket ${ticketId}.', to: '${from}', from: 'Acme' },
            },
          ],
        },
      },
      { pause: 1 },
      { playFromUrl: 'https://cdn.example.com/ivr/hold-jingle.mp3' },
      { say: 'To confirm your callback press 1, otherwise press 2.' },
      { collectInto: 'confirm', options: { maxInputLength: 1, timeout: 3 } },
      {
        if: '${confirm} == 1',
        then: [{ say: 'Your callback is confirmed.' }],
        else: [{ say: 'No callback was booked.' }],
      },
      { setVariable: 'outcome', value: '${dept}-${callApiOutcome}-${priority}' },
      { say: 'Thank you for calling Acme. Goodbye.' },
      'hangup',
    ],
  };
}

/** A wrong key, then billing, an account number (8 digits end the input), then confirm. */
export const CALLER_SCRIPT: CallerScript = { keys: ['9', '1', '12345678', '1'] };
