import { Body, Button, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { t } from '../_i18n';
import { reasonLine, ticketUrl, type TicketEmailProps } from './email-context';
import { UnsubscribeLine } from './unsubscribe-line';

const page = { backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' };
const card = { backgroundColor: '#ffffff', borderRadius: '8px', maxWidth: '600px', margin: '0 auto', overflow: 'hidden' as const };
const body = { padding: '24px 28px' };
const muted = { color: '#6b7280', fontSize: '12px', lineHeight: '18px', margin: '4px 0' };

/** Header with the brand, the heading, the content, a button to the ticket, and a footer saying why. */
export function Layout(props: TicketEmailProps & { preview: string; heading: string; children: ReactNode; cta?: string }) {
  const { payload, brand, siteUrl } = props;
  return (
    <Html lang={payload.locale ?? 'en'}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Section style={{ backgroundColor: brand.color, padding: '16px 28px' }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height="32" />
            ) : (
              <Text style={{ color: '#ffffff', fontSize: '18px', fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Section style={body}>
            <Heading as="h1" style={{ fontSize: '20px', lineHeight: '28px', color: '#111827', margin: '0 0 12px' }}>
              {props.heading}
            </Heading>
            {props.children}
            <Section style={{ margin: '24px 0 8px' }}>
              <Button
                href={ticketUrl(siteUrl, payload.ticket.id)}
                style={{ backgroundColor: brand.color, color: '#ffffff', borderRadius: '6px', padding: '12px 20px', fontSize: '14px', fontWeight: 600 }}
              >
                {props.cta ?? t(payload.locale, 'viewTicket', { id: payload.ticket.id })}
              </Button>
            </Section>
          </Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: 0 }} />
          <Section style={{ padding: '16px 28px' }}>
            <Text style={muted}>{reasonLine(payload)}</Text>
            {brand.footer ? <Text style={muted}>{brand.footer}</Text> : null}
            {props.unsubscribeUrl ? <UnsubscribeLine href={props.unsubscribeUrl} locale={payload.locale} /> : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
