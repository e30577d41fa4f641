// Where a finding or case stands, as a coloured chip with the status in words.
import type { FindingStatus } from '../../shared/types';
import { statusName } from '../format';

export function StatusChip({ status, title }: { status: FindingStatus; title?: string }) {
  return <span class={`chip status-${status}`} title={title}>{statusName(status)}</span>;
}
