import { DetailSkeleton } from '@/components/skeleton';

export default function Loading() {
  return <DetailSkeleton label="Loading the refund" figures={0} />;
}
