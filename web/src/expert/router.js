// Routes of the expert site (history mode at /).
import { createRouter, createWebHistory } from 'vue-router'
import session from './session.js'
import LoginView from './views/LoginView.vue'
import RegisterView from './views/RegisterView.vue'
import ForcedPassword from '../common/ForcedPassword.vue'
import HomeView from './views/HomeView.vue'
import ApplyView from './views/ApplyView.vue'
import ApplicationView from './views/ApplicationView.vue'
import ProfileView from './views/ProfileView.vue'
import ChangeView from './views/ChangeView.vue'
import VerifyView from './views/VerifyView.vue'
import ExpertShell from './views/ExpertShell.vue'
import ReviewsView from './views/ReviewsView.vue'
import PrivacyView from './views/PrivacyView.vue'

export default createRouter({
  history: createWebHistory('/'),
  routes: [
    {
      // the logged-in pages, inside the header and the menu (入库申请, 评审记录)
      path: '/',
      component: ExpertShell,
      children: [
        { path: '', name: 'home', component: HomeView, meta: { title: '入库申请' } },
        { path: 'apply', name: 'apply', component: ApplyView, meta: { title: '入库申请' } },
        { path: 'apply/view', name: 'apply-view', component: ApplicationView, meta: { title: '查看入库申请' } },
        { path: 'reviews', name: 'reviews', component: ReviewsView, meta: { title: '评审记录' } },
        { path: 'profile', name: 'profile', component: ProfileView, meta: { title: '个人中心' } },
        { path: 'privacy', name: 'privacy', component: PrivacyView, meta: { title: '个人信息与账号' } },
        { path: 'profile/change/:kind', name: 'profile-change', component: ChangeView, meta: { title: '异动申请' } },
      ],
    },
    // The page a certificate's QR code opens: anyone, logged in or not (meta.open).
    { path: '/verify/:no', name: 'verify', component: VerifyView, meta: { open: true, title: '证书核验' } },
    { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: '专家登录' } },
    { path: '/register', name: 'register', component: RegisterView, meta: { public: true, title: '专家注册' } },
    { path: '/password', name: 'password', component: ForcedPassword, props: { session, portal: 'expert' }, meta: { password: true, title: '修改初始密码' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
