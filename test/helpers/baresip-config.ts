/**
 * The `config` and `accounts` files of a headless baresip (checked on baresip 1.0.0, Debian):
 * no sound card, no registration, loopback only, driven over `ctrl_tcp`.
 *
 * - audio source `aufile`: a WAV file (8 kHz mono 16-bit); at its end baresip hangs up the call,
 *   so the file's length bounds the call.
 * - audio player `aubridge,nil`: a bridge device nothing reads, i.e. nowhere; the received audio is
 *   recorded by the `sndfile` filter instead, as `dump-<time>-dec.wav` in `snd_path` (and what was
 *   sent as `dump-<time>-enc.wav`). baresip 1.0's `aufile` cannot play into a file.
 * - `net_interface 127.0.0.1`, or baresip writes the machine's first address in its SDP.
 */

export interface BaresipConfigOptions {
  readonly sipPort: number;
  readonly controlPort: number;
  /** The WAV baresip sends as the caller's voice. */
  readonly sourceWav: string;
  /** Where `sndfile` writes its recordings. */
  readonly recordingDir: string;
}

const MODULE_PATH = '/usr/lib/baresip/modules';

/** The `config` file. */
export function buildBaresipConfig(options: BaresipConfigOptions): string {
  const lines: [string, string][] = [
    ['poll_method', 'poll'],
    ['net_interface', '127.0.0.1'],
    ['sip_listen', `127.0.0.1:${options.sipPort}`],
    ['sip_transports', 'udp'],
    ['audio_source', `aufile,${options.sourceWav}`],
    ['audio_player', 'aubridge,nil'],
    ['audio_alert', 'aubridge,nil'],
    ['ausrc_srate', '8000'],
    ['auplay_srate', '8000'],
    ['ausrc_channels', '1'],
    ['auplay_channels', '1'],
    ['module_path', MODULE_PATH],
    ['module', 'g711.so'],
    ['module', 'aufile.so'],
    ['module', 'aubridge.so'],
    ['module', 'sndfile.so'],
    ['module_app', 'account.so'],
    ['module_app', 'menu.so'],
    ['module_app', 'ctrl_tcp.so'],
    ['snd_path', options.recordingDir],
    ['ctrl_tcp_listen', `127.0.0.1:${options.controlPort}`],
    ['statmode_default', 'off'],
    ['ringback_disabled', 'yes'],
  ];
  return lines.map(([key, value]) => `${key}\t${value}`).join('\n') + '\n';
}

export const BARESIP_ANSWER_MODE = { manual: 'manual', auto: 'auto' } as const;
export type BaresipAnswerMode = (typeof BARESIP_ANSWER_MODE)[keyof typeof BARESIP_ANSWER_MODE];

/** The `accounts` file: one local account, never registered (`regint=0`). */
export function buildBaresipAccounts(user: string, answerMode: BaresipAnswerMode): string {
  return `<sip:${user}@127.0.0.1>;regint=0;answermode=${answerMode}\n`;
}
