import { CallPage } from '../pages/call-page';
import type { Person } from './sessions';

/**
 * Both people of `bookingId` open its call page and join, `first` before
 * the other; their call pages.
 */
export async function bothJoin(
  session: { professional: Person; client: Person; bookingId: number },
  first: 'client' | 'professional' = 'client',
): Promise<{ clientCall: CallPage; professionalCall: CallPage }> {
  const clientCall = new CallPage(session.client.page);
  const professionalCall = new CallPage(session.professional.page);
  const order = first === 'client' ? [clientCall, professionalCall] : [professionalCall, clientCall];
  for (const call of order) {
    await call.open(session.bookingId);
    await call.join();
  }
  return { clientCall, professionalCall };
}
