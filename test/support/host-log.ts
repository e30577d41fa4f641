// The model host's own log lines about restarts (it keeps the recent ones and answers them to a ping): what the
// crash tests and bench:crash read to see that a host was made again, and with which calls still to answer.
import type { ChromiumSession } from '../../src/dev/driver/chromium';

export async function restartLines(ext: ChromiumSession): Promise<string[]> {
  const ping = await ext.extensionEval(() => chrome.runtime.sendMessage({ type: 'model/ping', to: 'model-host', payload: {} })) as { ok: boolean; value?: { log: string[] } };
  return (ping.value?.log ?? []).filter((l) => l.includes('restarted'));
}
