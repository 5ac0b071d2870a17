import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import {
  ESPEAK_LANGUAGE_VOICES,
  espeakWordsPerMinute,
  findSeedVoice,
  resolveEspeakVoice,
  SEED_VOICES,
  type SayVoiceRequest,
} from './espeak-voice.js';

const say = (overrides: Partial<SayVoiceRequest>): SayVoiceRequest => ({
  language: 'en',
  voiceName: null,
  voiceGender: null,
  speechRate: 1,
  ...overrides,
});

/**
 * espeak-ng's installed voices: language voices by name and by file name
 * (`en-gb`, `en`), and variants by file name with their gender (`f3`: `F`).
 */
function installedVoices(): { languages: Set<string>; variants: Map<string, string> } {
  const row = /^\s*\d+\s+(\S+)\s+\S+\/([MF-])\s+\S+\s+(\S+)/;
  const rows = (kind: string) =>
    execFileSync('espeak-ng', [`--voices${kind}`], { encoding: 'utf8' })
      .split('\n')
      .slice(1)
      .map((line) => row.exec(line))
      .filter((match) => match !== null);
  const languages = new Set(
    rows('').flatMap((match) => [match[1] ?? '', (match[3] ?? '').split('/').pop()?.toLowerCase() ?? '']),
  );
  const variants = new Map(
    rows('=variant').map((match) => [(match[3] ?? '').replace('!v/', ''), match[2] ?? '']),
  );
  return { languages, variants };
}

test('the seed lists thirteen voices, each mapped to an installed espeak-ng voice of its language and gender', () => {
  const { languages, variants } = installedVoices();

  assert.equal(SEED_VOICES.length, 13);
  for (const voice of SEED_VOICES) {
    const [language = '', variant = ''] = voice.espeakVoice.split('+');
    assert.ok(languages.has(language), `${voice.id}: ${language} is not installed`);
    assert.equal(language.split('-')[0], voice.language.split('-')[0], voice.id);
    assert.equal(
      variants.get(variant),
      voice.gender === 'female' ? 'F' : 'M',
      `${voice.id}: variant ${variant}`,
    );
  }
});

/** The audio espeak-ng makes for `text` in `voice`, as bytes. */
function speak(voice: string, text: string): Buffer {
  return execFileSync('espeak-ng', ['-v', voice, '--stdout', text], { stdio: ['ignore', 'pipe', 'ignore'] });
}

test('every seed voice sounds different from the others and from its language voice without variant', () => {
  const heard = new Map<string, string>();

  for (const voice of SEED_VOICES) {
    const [language = ''] = voice.espeakVoice.split('+');
    const audio = speak(voice.espeakVoice, 'One, two, three.');

    assert.notDeepEqual(audio, speak(language, 'One, two, three.'), `${voice.id}: variant not applied`);
    const digest = audio.toString('base64');
    assert.equal(heard.get(digest), undefined, `${voice.id} sounds like ${heard.get(digest)}`);
    heard.set(digest, voice.id);
  }
});

test('the gender variants are heard in every language: +f3 and +m3 change the voice', () => {
  for (const language of new Set(Object.values(ESPEAK_LANGUAGE_VOICES))) {
    const plain = speak(language, 'One, two.');

    assert.notDeepEqual(speak(`${language}+f3`, 'One, two.'), plain, `${language}+f3`);
    assert.notDeepEqual(speak(`${language}+m3`, 'One, two.'), plain, `${language}+m3`);
  }
});

test('every language the scenario language lists maps to an installed espeak-ng voice', () => {
  const { languages } = installedVoices();

  for (const [code, voice] of Object.entries(ESPEAK_LANGUAGE_VOICES))
    assert.ok(languages.has(voice), `${code}: ${voice}`);
});

test('a seed voice is found by its id or its name, in any case', () => {
  assert.equal(findSeedVoice('TTS_EN-GB_SERENA')?.espeakVoice, 'en+f3');
  assert.equal(findSeedVoice('tts_fr-fr_thomas')?.espeakVoice, 'fr+m2');
  assert.equal(findSeedVoice(' Yannick ')?.espeakVoice, 'de+m3');
  assert.equal(findSeedVoice('Joanna'), undefined);
});

test('the named voice wins when it speaks the language, whatever the gender asked', () => {
  const result = resolveEspeakVoice(
    say({ language: 'fr-FR', voiceName: 'TTS_FR-FR_VIRGINIE', voiceGender: 'male' }),
  );

  assert.deepEqual(result, { ok: true, value: { voice: 'fr+f2', wordsPerMinute: 175 } });
});

test('a named voice of another language is passed over for the language voice of the gender asked', () => {
  const result = resolveEspeakVoice(say({ language: 'de-DE', voiceName: 'SERENA', voiceGender: 'female' }));

  assert.deepEqual(result, { ok: true, value: { voice: 'de+f3', wordsPerMinute: 175 } });
});

test('without voice or gender the language default speaks', () => {
  assert.deepEqual(resolveEspeakVoice(say({ language: 'en-US' })), {
    ok: true,
    value: { voice: 'en-us', wordsPerMinute: 175 },
  });
});

test('a regional language without a voice of its own falls back to its base language', () => {
  const voice = (language: string) => {
    const result = resolveEspeakVoice(say({ language, voiceGender: 'male' }));
    return result.ok ? result.value.voice : result.reason;
  };

  assert.deepEqual(['en-au', 'de-AT', 'fr-ca', 'nl_BE', 'es-mx', 'zh-cn'].map(voice), [
    'en+m3',
    'de+m3',
    'fr+m3',
    'nl+m3',
    'es-419+m3',
    'cmn+m3',
  ]);
});

test('a language espeak-ng cannot speak is a failure', () => {
  assert.deepEqual(resolveEspeakVoice(say({ language: 'fil-ph' })), {
    ok: false,
    reason: 'no voice speaks fil-ph',
  });
});

test('speechRate multiplies the 175 words-per-minute pace', () => {
  assert.deepEqual([0.5, 1, 1.2, 2].map(espeakWordsPerMinute), [88, 175, 210, 350]);
});

test('the pace stays within espeak-ng range of 80 to 450 words per minute, and a nonsense rate speaks normally', () => {
  assert.deepEqual([0.1, 5, Number.NaN, -1, 0].map(espeakWordsPerMinute), [80, 450, 175, 175, 175]);
});
