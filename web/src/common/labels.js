// The one place of the names of fields, as the seeds word them: the application form's fields
// and the fields of its lists (education, work, …), the profile's directly edited fields, and the
// account's. Pages, the field errors, the history sentences and the comparison of versions all
// take their words from here; the server's texts (lib/apply/appform.c, the PDFs of
// cgi-bin/apply-pdf.c) use the same words.

export const FIELD_LABELS = {
  photo: '照片',
  name: '姓名',
  gender: '性别',
  id_type: '证件类型',
  id_number: '证件号码',
  birth_date: '出生日期',
  id_front: '证件正面扫描件',
  id_back: '证件背面扫描件',
  email: '电子邮箱',
  political_status: '政治面貌',
  employment: '在职状态',
  employer: '工作单位',
  employer_code: '统一社会信用代码',
  position: '职务',
  specialty: '现从事专业',
  specialty_years: '现从事专业年限',
  honours: '社会荣誉',
  residence: '常住地',
  health: '健康状况',
  region: '评标地区',
  remote: '是否接受远程评标',
  entry_type: '入库类型',
  education: '毕业院校',
  work: '工作履历',
  avoidance_none: '无回避单位',
  avoidance: '回避单位',
  specialties: '擅长专业和方向',
  titles: '专业技术职称',
  qualifications: '注册执业资格',
  achievements: '工作业绩及获奖项目',
  commitment_scan: '入库承诺书扫描件',
  form_scan: '申请表扫描件',
  declaration: '申报须知',
}

// The fields of each list's rows.
export const LIST_FIELD_LABELS = {
  education: { school: '毕业院校', major: '专业', degree: '学历', from: '开始年月', to: '结束年月' },
  work: { employer: '工作单位', position: '职务', from: '开始年月', to: '结束年月' },
  avoidance: { unit: '回避单位名称', code: '统一社会信用代码', reason: '回避原因' },
  titles: { name: '职称名称', level: '职称级别', specialty: '职称专业', authority: '发证机关', date: '取得日期', scan: '职称证书扫描件' },
  qualifications: { name: '资格名称', number: '注册编号', date: '注册日期', scan: '资格证书扫描件' },
  achievements: { name: '项目名称', role: '本人角色', date: '日期', award: '获奖情况', description: '项目描述', attachment: '附件' },
}

// The expert's own fields outside the form (个人中心 → 基本资料: the address is the form's 常住地).
export const PROFILE_LABELS = {
  email: FIELD_LABELS.email,
  address: FIELD_LABELS.residence,
  phone: '手机号',
  expert_no: '专家编号',
}

// The account's fields (login, registration).
export const ACCOUNT_LABELS = {
  phone: '手机号',
  username: '用户名',
  password: '密码',
  captcha: '图片验证码',
  code: '短信验证码',
}
