// Confirmation and notice boxes (ElMessageBox) whose buttons carry test hooks:
// data-test="confirm-ok" on the primary button, "confirm-cancel" on the other one.
import { ElMessageBox } from 'element-plus'

// ElMessageBox renders its box a frame or two after the call: tag the newest box's buttons then.
function tagButtons() {
  let tries = 0
  const tick = () => {
    const boxes = document.querySelectorAll('.el-message-box')
    const box = boxes[boxes.length - 1]
    const buttons = box ? [...box.querySelectorAll('.el-message-box__btns .el-button')] : []
    const ok = buttons.find((b) => b.classList.contains('el-button--primary'))
    if (ok) {
      ok.setAttribute('data-test', 'confirm-ok')
      for (const b of buttons) if (b !== ok) b.setAttribute('data-test', 'confirm-cancel')
      return
    }
    if (++tries < 120) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

// Resolves to true when the user confirms, false when they cancel or close the box.
export async function confirmBox(message, title = '提示', opts = {}) {
  const shown = ElMessageBox.confirm(message, title, {
    confirmButtonText: opts.confirmText || '确定',
    cancelButtonText: opts.cancelText || '取消',
    type: opts.type || 'warning',
    closeOnClickModal: false,
    autofocus: false,
  })
  tagButtons()
  try {
    await shown
    return true
  } catch {
    return false
  }
}

// A notice with one button; resolves once it is closed.
export async function alertBox(message, title = '提示', opts = {}) {
  const shown = ElMessageBox.alert(message, title, {
    confirmButtonText: opts.confirmText || '知道了',
    type: opts.type || 'warning',
    autofocus: false,
  })
  tagButtons()
  try {
    await shown
  } catch {
    // closed with the × or Esc: same as the button
  }
}
