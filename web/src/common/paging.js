// The page sizes every paged list offers (docs/API.md "Lists: paging and filters").
export const PAGE_SIZES = [10, 20, 50]
