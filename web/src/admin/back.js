// 返回列表 on a detail page: back in the history when the page was opened from the list (so
// its filters and page come back as they were), else to the list itself.
export function backTo(router, listPath) {
  const back = router.options.history.state && router.options.history.state.back
  if (typeof back === 'string' && (back === listPath || back.startsWith(`${listPath}?`))) router.back()
  else router.push(listPath)
}
