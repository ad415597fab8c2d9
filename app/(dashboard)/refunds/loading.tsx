import { ListPageSkeleton } from '@/components/skeleton';

export default function Loading() {
  return (
    <ListPageSkeleton
      label="Loading refunds"
      header="h-[124px] sm:h-[104px] lg:h-[56px]"
      filters="h-[366px] sm:h-[222px] lg:h-[142px]"
      row="h-[156px] md:h-[84px]"
      withAction
    />
  );
}
