import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDumpcapDrops } from './rtp-capture.js';

test('reads the packets dropped from dumpcap’s closing count, past the colon in the interface name', () => {
  const stderr =
    "Capturing on 'Loopback: lo'\nPackets captured: 45153\n" +
    "Packets received/dropped on interface 'Loopback: lo': 45153/7 (pcap:7/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)\n";

  assert.equal(parseDumpcapDrops(stderr), 7);
});

test('has no drop count while dumpcap has not printed its closing count', () => {
  assert.equal(parseDumpcapDrops("Capturing on 'Loopback: lo'\n"), null);
});
