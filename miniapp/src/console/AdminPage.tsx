import type { Role } from '@whistle/shared';
import type { ReactNode } from 'react';
import { Empty } from '../components/ui';
import type { PageName } from '../lib/nav';
import { currentUser, hasRole } from '../lib/session';
import { ConsoleLayout } from './Layout';
import { ADMIN_SECTIONS, PLATFORM_SECTIONS } from './sections';

/** Only those with the role get the page; the rest are told so (the API refuses them too). */
function Gate(props: { role: Role; children: ReactNode }) {
  if (!hasRole(currentUser(), props.role)) return <Empty text="无权访问" hint={`此页面仅供${props.role === 'admin' ? '管理员' : props.role === 'operator' ? '平台运营' : '省级查看'}使用`} />;
  return <>{props.children}</>;
}

/** An admin console page (管理后台): the frame with the admin's sections, for admins only. */
export function AdminPage(props: { current: PageName; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <ConsoleLayout brand="管理后台" sections={ADMIN_SECTIONS} current={props.current} title={props.title} actions={props.actions}>
      <Gate role="admin">{props.children}</Gate>
    </ConsoleLayout>
  );
}

/** A platform page: the operator's tenants, the province's overview; the navigation shows what the user's roles open. */
export function PlatformPage(props: { role: Role; current: PageName; title: string; actions?: ReactNode; children: ReactNode }) {
  const me = currentUser();
  const sections = PLATFORM_SECTIONS.filter((s) => hasRole(me, s.role));
  const brand = hasRole(me, 'operator') ? '平台运营' : '全省概览';
  return (
    <ConsoleLayout brand={brand} sections={sections} current={props.current} title={props.title} actions={props.actions}>
      <Gate role={props.role}>{props.children}</Gate>
    </ConsoleLayout>
  );
}
