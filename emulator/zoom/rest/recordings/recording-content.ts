import { zoomTime } from '../zoom-time.ts';

/**
 * Small but real file bodies for recordings, so a client that downloads and sniffs them sees what
 * Zoom would send: ISO-BMFF headers for MP4 and M4A, WebVTT for the transcript, text for chat.
 */

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

function fileTypeBox(major: string, compatible: string[]): Buffer {
  const minor = Buffer.alloc(4);
  minor.writeUInt32BE(0x200, 0);
  return box('ftyp', Buffer.concat([Buffer.from(major, 'latin1'), minor, ...compatible.map((b) => Buffer.from(b, 'latin1'))]));
}

/** An MP4 (video) body: `ftyp` isom plus an `mdat` naming the meeting. */
export function mp4Bytes(label: string): Buffer {
  return Buffer.concat([fileTypeBox('isom', ['isom', 'iso2', 'avc1', 'mp41']), box('free', Buffer.alloc(8)), box('mdat', Buffer.from(`Zoom emulator video: ${label}`))]);
}

/** An M4A (audio only) body: `ftyp` "M4A " plus an `mdat`. */
export function m4aBytes(label: string): Buffer {
  return Buffer.concat([fileTypeBox('M4A ', ['M4A ', 'mp42', 'isom']), box('mdat', Buffer.from(`Zoom emulator audio: ${label}`))]);
}

export function transcriptVtt(hostName: string, topic: string): string {
  return ['WEBVTT', '', '1', '00:00:01.000 --> 00:00:04.000', `${hostName}: Welcome to ${topic}.`, '', '2', '00:00:05.000 --> 00:00:08.000', `${hostName}: Thanks for joining.`, ''].join('\n');
}

export function chatText(hostName: string, at: number): string {
  return `${zoomTime(at).slice(11, 19)}\t From  ${hostName} : Hello everyone\n`;
}
