import { ListPageSkeleton } from '@/components/skeleton';

export default function Loading() {
  return (
    <ListPageSkeleton
      label="Loading the audit log"
      filters="h-[218px] sm:h-[210px] lg:h-[142px]"
      row="h-[65px] md:h-[61px]"
    />
  );
}
