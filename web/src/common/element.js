// Element Plus, on demand: only the components the two sites use, each with its stylesheet,
// so the bundle stays small and needs nothing from a CDN.
import { defineComponent, h } from 'vue'
import {
  ElAlert,
  ElButton,
  ElCard,
  ElCheckbox,
  ElCol,
  ElCollapse,
  ElCollapseItem,
  ElConfigProvider,
  ElDatePicker,
  ElDescriptions,
  ElDescriptionsItem,
  ElDialog,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElIcon,
  ElImage,
  ElInput,
  ElInputNumber,
  ElLink,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElPagination,
  ElRadio,
  ElRadioGroup,
  ElResult,
  ElRow,
  ElSelect,
  ElStep,
  ElSteps,
  ElSubMenu,
  ElTabPane,
  ElTabs,
  ElTag,
  ElLoading,
} from 'element-plus'

import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/card/style/css'
import 'element-plus/es/components/checkbox/style/css'
import 'element-plus/es/components/col/style/css'
import 'element-plus/es/components/collapse/style/css'
import 'element-plus/es/components/collapse-item/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/date-picker/style/css'
import 'element-plus/es/components/descriptions/style/css'
import 'element-plus/es/components/descriptions-item/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/dropdown/style/css'
import 'element-plus/es/components/dropdown-item/style/css'
import 'element-plus/es/components/dropdown-menu/style/css'
import 'element-plus/es/components/empty/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/icon/style/css'
import 'element-plus/es/components/image/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/link/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/menu/style/css'
import 'element-plus/es/components/menu-item/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/radio/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/row/style/css'
import 'element-plus/es/components/select/style/css'
import 'element-plus/es/components/step/style/css'
import 'element-plus/es/components/steps/style/css'
import 'element-plus/es/components/sub-menu/style/css'
import 'element-plus/es/components/tab-pane/style/css'
import 'element-plus/es/components/tabs/style/css'
import 'element-plus/es/components/tag/style/css'

const components = [
  ElAlert, ElButton, ElCard, ElCheckbox, ElCol, ElCollapse, ElCollapseItem, ElConfigProvider,
  ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDropdown, ElDropdownItem,
  ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElIcon, ElImage, ElInput, ElInputNumber, ElLink,
  ElMenu, ElMenuItem, ElOption, ElPagination, ElRadio, ElRadioGroup, ElResult, ElRow, ElSelect, ElStep,
  ElSteps, ElSubMenu, ElTabPane, ElTabs, ElTag,
]

export { ElPagination, ElSubMenu }

// <el-link> used as a button (with @click, no href) is no Tab stop and ignores the keyboard:
// registered under its name, this one makes it focusable, a button to assistive technology, and
// pressed by Enter or Space (WCAG 2.1.1). With an href it is Element Plus's link unchanged.
const KeyboardLink = defineComponent({
  name: 'ElLink',
  inheritAttrs: false,
  setup(_, { attrs, slots }) {
    const press = (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return
      e.preventDefault()
      e.currentTarget.click()
    }
    return () => {
      if (attrs.href) return h(ElLink, attrs, slots)
      const off = attrs.disabled !== undefined && attrs.disabled !== false
      return h(ElLink, { ...attrs, tabindex: off ? -1 : 0, role: 'button', onKeydown: press }, slots)
    }
  },
})

export default {
  install(app) {
    for (const c of components) app.component(c.name, c === ElLink ? KeyboardLink : c)
    app.directive('loading', ElLoading.directive)
  },
}
