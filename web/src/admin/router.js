// Routes of the admin site (history mode under /admin/).
import { createRouter, createWebHistory } from 'vue-router'
import AdminLogin from './views/AdminLogin.vue'
import AdminPassword from './views/AdminPassword.vue'
import AdminShell from './views/AdminShell.vue'
import AdminHome from './views/AdminHome.vue'

export default createRouter({
  history: createWebHistory('/admin/'),
  routes: [
    { path: '/login', name: 'login', component: AdminLogin, meta: { public: true, title: '管理员登录' } },
    { path: '/password', name: 'password', component: AdminPassword, meta: { password: true, title: '修改初始密码' } },
    {
      path: '/',
      component: AdminShell,
      children: [{ path: '', name: 'home', component: AdminHome, meta: { title: '首页' } }],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
