import { OverviewSkeleton } from '@/components/skeleton';

export default function Loading() {
  return <OverviewSkeleton />;
}
