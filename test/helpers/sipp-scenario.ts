/**
 * Where the SIPp scenarios live, and per-test copies of them.
 *
 * SIPp reads `play_pcap_audio` files when it loads the scenario, so no `-key` or injection field can
 * choose the audio a call plays. A test that wants another digit copies the XML into its temp dir
 * with the pcap path replaced. The checked-in files stay runnable by hand as they are.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `test/sip/scenarios/`: the UAC scenarios that call Voxgate. */
export const SCENARIOS_DIR = fileURLToPath(new URL('../sip/scenarios/', import.meta.url));
/** `test/sip/scenarios/stand-ins/`: UAS scenarios that play Voxgate's part to check the UACs. */
export const STAND_INS_DIR = join(SCENARIOS_DIR, 'stand-ins');
/** `test/sip/media/`: the committed pcap fixtures the scenarios play. */
export const MEDIA_DIR = fileURLToPath(new URL('../sip/media/', import.meta.url));
/** The RFC 4733 digit captures shipped with sip-tester, `dtmf_2833_<digit>.pcap`. */
export const SIPP_PCAP_DIR = '/usr/share/sip-tester';

/** The UAC scenario files, by case. */
export const SCENARIO = {
  ivrRfc4733Digit: 'ivr-rfc4733-digit.xml',
  ivrInbandDigit: 'ivr-inband-digit.xml',
  cancelBeforeAnswer: 'cancel-before-answer.xml',
  byeFromCaller: 'bye-from-caller.xml',
  hangupByVoxgate: 'hangup-by-voxgate.xml',
  holdResume: 'hold-resume.xml',
  options: 'options.xml',
  retransmittedInvite: 'retransmitted-invite.xml',
  unknownNumber: 'unknown-number.xml',
  lateOffer: 'late-offer.xml',
} as const;
export type ScenarioName = (typeof SCENARIO)[keyof typeof SCENARIO];

/** Absolute path of a UAC scenario. */
export function scenarioPath(name: ScenarioName): string {
  return join(SCENARIOS_DIR, name);
}

/** Absolute path of a stand-in UAS scenario (`answer-then-bye.xml`, ...). */
export function standInPath(file: string): string {
  return join(STAND_INS_DIR, file);
}

/** The `dtmf_2833_*.pcap` of a digit: 0-9, `*` (star) or `#` (pound). */
export function rfc4733DigitPcap(digit: string): string {
  const names: Readonly<Record<string, string>> = { '*': 'star', '#': 'pound' };
  if (!/^[0-9*#]$/.test(digit)) throw new Error(`no sip-tester capture for digit ${JSON.stringify(digit)}`);
  return join(SIPP_PCAP_DIR, `dtmf_2833_${names[digit] ?? digit}.pcap`);
}

export interface PrepareScenarioOptions {
  /** The scenario to copy. */
  readonly source: string;
  /** Where the copy goes (the test's temp dir). */
  readonly workDir: string;
  /** Exact texts to replace, each of which must occur in the file (a typo fails loudly). */
  readonly replace?: Readonly<Record<string, string>>;
}

/**
 * Writes a copy of a scenario with its replacements made and its relative `play_pcap_audio`
 * paths made absolute (SIPp resolves them against the scenario's folder, which moved).
 * @returns the copy's path.
 */
export async function prepareScenario(options: PrepareScenarioOptions): Promise<string> {
  let xml = await readFile(options.source, 'utf8');
  for (const [from, to] of Object.entries(options.replace ?? {})) {
    if (!xml.includes(from))
      throw new Error(`${basename(options.source)} does not contain ${JSON.stringify(from)}`);
    xml = xml.split(from).join(to);
  }
  const sourceDir = dirname(options.source);
  xml = xml.replace(/play_pcap_audio="([^"]+)"/g, (_match, path: string) =>
    isAbsolute(path) ? `play_pcap_audio="${path}"` : `play_pcap_audio="${resolve(sourceDir, path)}"`,
  );
  // A folder per copy: one test may prepare the same scenario twice with different digits.
  const copy = join(await mkdtemp(join(options.workDir, 'scenario-')), basename(options.source));
  await writeFile(copy, xml);
  return copy;
}
