import { DetailSkeleton } from '@/components/skeleton';

export default function Loading() {
  return <DetailSkeleton label="Loading the payment" />;
}
