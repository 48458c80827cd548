import type { ComponentType } from 'react';
import type { Locale, NotificationEvent } from '../../src/notifications';
import type { TicketEmailProps } from './email-context';
import { templates } from '../index';

type WithPreview = ComponentType<TicketEmailProps> & { PreviewProps: TicketEmailProps };

/**
 * Every template with its preview props: what the preview server shows, the
 * export writes and the tests check. In another language the same props carry
 * that locale, and the file name says so (ticket-created.de).
 */
export function allPreviews(locale: Locale = 'en'): { event: NotificationEvent; file: string; Template: WithPreview; props: TicketEmailProps }[] {
  return (Object.entries(templates) as [NotificationEvent, WithPreview][]).map(([event, Template]) => ({
    event,
    file: `${event.replace(/_/g, '-')}${locale === 'en' ? '' : `.${locale}`}`,
    Template,
    props: inLocale(Template.PreviewProps, locale),
  }));
}

/** Preview props as a recipient with `locale` gets them (English previews stay exactly as written). */
export function inLocale(props: TicketEmailProps, locale: Locale): TicketEmailProps {
  return locale === 'en' ? props : { ...props, payload: { ...props.payload, locale } };
}
