// Whether the window is phone-sized (≤ `px` wide), as a ref that follows resizes.
import { onBeforeUnmount, ref } from 'vue'

export function useNarrow(px = 600) {
  const query = window.matchMedia(`(max-width: ${px}px)`)
  const narrow = ref(query.matches)
  const update = (e) => { narrow.value = e.matches }
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return narrow
}
