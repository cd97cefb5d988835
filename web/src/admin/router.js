// Routes of the admin site (history mode under /admin/). Pages with meta.role need that role;
// without it they send the user to the home page (the server refuses their data anyway).
import { createRouter, createWebHistory } from 'vue-router'
import session from './session.js'
import AdminLogin from './views/AdminLogin.vue'
import ForcedPassword from '../common/ForcedPassword.vue'
import AdminShell from './views/AdminShell.vue'
import AdminHome from './views/AdminHome.vue'
import ReviewQueue from './views/ReviewQueue.vue'
import ReviewDetail from './views/ReviewDetail.vue'
import ExpertList from './views/ExpertList.vue'
import ExpertDetail from './views/ExpertDetail.vue'
import ChangeList from './views/ChangeList.vue'
import ChangeDetail from './views/ChangeDetail.vue'
import UserList from './views/UserList.vue'
import AuditLog from './views/AuditLog.vue'
import TaxonomyEditor from './views/TaxonomyEditor.vue'
import UnitList from './views/UnitList.vue'
import { requireRole } from './roles.js'

const page = (name, path, component, role, title) => ({ path, name, component, meta: { role, title }, beforeEnter: requireRole })

export default createRouter({
  history: createWebHistory('/admin/'),
  routes: [
    { path: '/login', name: 'login', component: AdminLogin, meta: { public: true, title: '管理员登录' } },
    { path: '/password', name: 'password', component: ForcedPassword, props: { session, portal: 'admin' }, meta: { password: true, title: '修改初始密码' } },
    {
      path: '/',
      component: AdminShell,
      children: [
        { path: '', name: 'home', component: AdminHome, meta: { title: '首页' } },
        page('review', 'review', ReviewQueue, 'reviewer', '入库审核'),
        page('review-detail', 'review/:id(\\d+)', ReviewDetail, 'reviewer', '入库申请审核'),
        page('experts', 'experts', ExpertList, 'manager', '专家库'),
        page('expert-detail', 'experts/:id(\\d+)', ExpertDetail, 'manager', '专家详情'),
        page('changes', 'changes', ChangeList, 'manager', '异动审核'),
        page('change-detail', 'changes/:id(\\d+)', ChangeDetail, 'manager', '异动申请审核'),
        page('taxonomy', 'taxonomy', TaxonomyEditor, ['manager', 'super'], '领域专业'),
        page('units', 'units', UnitList, ['manager', 'super'], '单位库'),
        page('users', 'users', UserList, 'super', '账号管理'),
        page('audit', 'audit', AuditLog, 'super', '审计日志'),
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
