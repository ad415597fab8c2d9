import { ListPageSkeleton } from '@/components/skeleton';

export default function Loading() {
  return <ListPageSkeleton label="Loading payments" filters="h-[595px] sm:h-[319px]" row="h-[115px] md:h-[63px]" />;
}
