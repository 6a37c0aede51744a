import { EventGenerator } from '../load/event-generator';
import type { EventGeneratorOptions } from '../load/event-generator';

/** The shape of the synthetic events, measured on a sample from the same generator. */
export function describeLoad(options: EventGeneratorOptions) {
  const sample = new EventGenerator({ ...options, seed: options.seed + 7, retryShare: 0 });
  let eventBytes = 0;
  let propertiesBytes = 0;
  const size = 1000;
  for (let i = 0; i < size; i++) {
    const { body } = sample.fresh();
    eventBytes += JSON.stringify(body).length;
    propertiesBytes += JSON.stringify(body.properties).length;
  }
  return {
    knownCustomers: options.knownCustomers,
    zipfExponent: options.zipfExponent,
    newCustomerShare: options.newCustomerShare,
    retryShare: options.retryShare,
    identifiersPerEvent: '2–4',
    eventBytes: eventBytes / size,
    propertiesBytes: propertiesBytes / size,
  };
}
