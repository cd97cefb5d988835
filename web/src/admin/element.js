// Element Plus components only the admin pages use (tables, the taxonomy cascader, timelines),
// with their stylesheets. The pages import them by name: in <script setup> an imported ElTable is what <el-table> resolves to, so the expert site's bundle stays without them.
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/cascader/style/css'
import 'element-plus/es/components/timeline/style/css'
import 'element-plus/es/components/timeline-item/style/css'
import 'element-plus/es/components/checkbox-group/style/css'
import 'element-plus/es/components/divider/style/css'

export {
  ElTable,
  ElTableColumn,
  ElCascader,
  ElTimeline,
  ElTimelineItem,
  ElCheckboxGroup,
  ElDivider,
} from 'element-plus'
