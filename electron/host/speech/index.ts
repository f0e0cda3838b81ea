// Speech for the kiosk host: the speech service with the store's default rate, and the
// headphone socket (when the store config names its input device) as a kiosk event.
import { accessibilitySettings } from '../../../common/accessibility/config';
import type { KioskEvent } from '../../../common/contract/index';
import type { StoreConfig } from '../../../common/menu/schema';
import type { Logger } from '../log';
import { watchHeadphoneJack } from './headphone-jack';
import type { SpeechEngine } from './speech-engine';
import { createSpeechService } from './speech-service';

export type { SpokenRecord } from './speech-service';

export interface HostSpeechOptions {
  store: StoreConfig;
  emit(event: KioskEvent): void;
  log: Logger;
  engine?: SpeechEngine;
}

export function startHostSpeech(options: HostSpeechOptions) {
  const settings = accessibilitySettings(options.store.accessibility);
  const service = createSpeechService({ log: options.log, defaultRate: settings.speechRate, ...(options.engine ? { engine: options.engine } : {}) });
  const jack = settings.headphoneJackDevice
    ? watchHeadphoneJack(settings.headphoneJackDevice, {
        log: options.log,
        onChange: (plugged) => options.emit({ type: 'speech.headphones', plugged }),
      })
    : undefined;
  return {
    handlers: service.handlers,
    /** What the host was asked to say, oldest first (bounded). */
    get spoken() {
      return service.spoken;
    },
    ready: service.ready,
    async close(): Promise<void> {
      jack?.close();
      await service.close();
    },
  };
}

export type HostSpeech = ReturnType<typeof startHostSpeech>;
