import { ListPageSkeleton } from '@/components/skeleton';

export default function Loading() {
  return <ListPageSkeleton label="Loading payments" filters="h-[595px] sm:h-[319px]" row="h-[113px] md:h-[62px]" />;
}
