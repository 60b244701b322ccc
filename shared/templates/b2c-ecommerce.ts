import type { Blueprint } from '../model/schema.ts';
import { templateBuilder } from './lib/builder.ts';
import { addDefaultLanes } from './lib/lanes.ts';
import type { Template } from './lib/template.ts';

/**
 * B2C e-commerce: a direct-to-consumer cookware brand selling on its own store. Browse → Cart →
 * Purchase → Delivery → Loyalty, with the abandoned-cart branch as its own column, because that is
 * where a retention team spends its week: the reminders, their timing and the discount decision.
 * The cross-sell loop back to browsing waits 30 days so nobody is emailed in a loop.
 */
export const b2cEcommerce: Template = {
  id: 'b2c-ecommerce',
  name: 'B2C e-commerce',
  description:
    'A direct-to-consumer store from the first ad to the loyal repeat buyer: browse, cart, the abandoned-cart branch with email and SMS reminders, checkout, delivery and the loyalty club.',
  build,
};

function build(): Blueprint {
  const t = templateBuilder({
    title: 'B2C e-commerce',
    description: b2cEcommerce.description,
    owner: 'E-commerce & CRM',
    cardStatus: 'active',
  });
  t.persona(
    'home_cook',
    'Home cook',
    '28–45, cooks most evenings, buys kitchenware online after watching short videos; price-aware but pays for quality.',
  );
  t.persona('gift_buyer', 'Gift buyer', 'Buys once or twice a year for someone else; cares about delivery dates and gift wrap.');

  const { actions, feelings, touchpoints, data, systems, teams, automation } = addDefaultLanes(t);

  const browse = t.stage('browse', 'Browse', {
    macroStage: 'awareness',
    entryCriterion: 'Visits the store from an ad, a search or a social post.',
    customerGoal: 'Find something that suits my kitchen and my budget.',
  });
  const cart = t.stage('cart', 'Cart', {
    macroStage: 'consideration',
    entryCriterion: 'Adds a product to the cart.',
    customerGoal: 'See the full price, the delivery date and the returns policy before committing.',
  });
  const abandoned = t.stage('abandoned_cart', 'Abandoned cart', {
    macroStage: 'consideration',
    entryCriterion: 'Cart left for 1 hour without checkout, with a known email address.',
    customerGoal: 'Decide without pressure — maybe wait for a better price.',
  });
  const purchase = t.stage('purchase', 'Purchase', {
    macroStage: 'purchase',
    entryCriterion: 'Checkout completed and paid.',
    customerGoal: 'Pay quickly and know when it will arrive.',
  });
  const delivery = t.stage('delivery', 'Delivery', {
    macroStage: 'onboarding',
    entryCriterion: 'Order shipped.',
    customerGoal: 'Get it on time and undamaged, and start using it well.',
  });
  const loyalty = t.stage('loyalty', 'Loyalty', {
    macroStage: 'retention',
    entryCriterion: 'Delivered 7 days ago: asked for a review, enrolled in the rewards club.',
    customerGoal: 'Get more out of what I bought; be rewarded for coming back.',
  });

  // ── Browse ────────────────────────────────────────────────────────────────────────────────────
  const seesReel = t.card(browse, actions, { key: 'sees_reel', title: 'Sees a reel of the cast-iron pan searing a steak' });
  const browses = t.card(browse, actions, { key: 'browses', title: 'Browses the cookware collection and reads reviews' });
  t.card(browse, feelings, { key: 'inspired', title: 'Inspired: "That would look great in my kitchen"', emotion: 2 });
  const social = t.card(browse, touchpoints, {
    key: 'social_ads',
    title: 'Instagram reels and Meta ads',
    channel: 'social',
    content: 'Creator recipe reels; catalogue ads for viewed products',
    owner: 'Performance marketing',
    metrics: { volume: 640000, clickRate: 0.011, period: 'last 30 days' },
  });
  const shopping = t.card(browse, touchpoints, {
    key: 'shopping_ads',
    title: 'Google Shopping ads',
    channel: 'paid-search',
    content: 'Product feed with price, rating and free-shipping badge',
    owner: 'Performance marketing',
    metrics: { volume: 48000, clickRate: 0.027, period: 'last 30 days' },
  });
  const pdp = t.card(browse, touchpoints, {
    key: 'product_pages',
    title: 'Collection and product pages',
    channel: 'web-page',
    content: 'Photos, video, reviews, delivery estimate by postcode',
    owner: 'E-commerce team',
    metrics: { volume: 92000, conversionRate: 0.024, period: 'last 30 days' },
  });
  const popup = t.card(browse, touchpoints, {
    key: 'signup_popup',
    title: 'Newsletter pop-up: 10 % off the first order',
    channel: 'web-page',
    content: 'Shown after 20 seconds or on exit intent; email only',
    owner: 'CRM team',
    metrics: { volume: 31000, conversionRate: 0.043, period: 'last 30 days' },
  });
  t.card(browse, data, {
    key: 'products_viewed',
    title: 'Products viewed (anonymous id)',
    field: 'productsViewed',
    source: 'Storefront events',
    system: 'Segment',
    systemCategory: 'cdp',
    consent: 'consent',
    notes: 'Only after cookie consent; stitched to the email when the shopper identifies.',
  });
  t.card(browse, data, {
    key: 'email',
    title: 'Email address',
    field: 'email',
    source: 'Newsletter pop-up',
    system: 'Klaviyo',
    systemCategory: 'marketing-automation',
    consent: 'consent',
  });
  t.card(browse, systems, {
    key: 'shopify',
    title: 'Shopify Plus',
    system: 'Shopify Plus',
    vendor: 'Shopify',
    purpose: 'Storefront, catalogue, checkout, orders',
    systemStatus: 'in-use',
  });
  t.card(browse, systems, {
    key: 'meta_ads',
    title: 'Meta Ads',
    system: 'Meta Ads',
    vendor: 'Meta',
    purpose: 'Prospecting and catalogue retargeting; Conversions API from Shopify',
    systemStatus: 'in-use',
  });
  t.card(browse, systems, {
    key: 'recommendations',
    title: 'Personalised recommendations',
    system: 'Recommendation engine',
    vendor: 'To be selected',
    purpose: 'Product pages show best-sellers to everyone; no "goes with what you viewed"',
    systemStatus: 'gap',
  });
  t.card(browse, teams, {
    key: 'performance',
    title: 'Performance marketing',
    owner: 'Marketing',
    notes: 'Owns paid social and search budgets against a blended ROAS target.',
  });
  const welcome = t.card(browse, automation, {
    key: 'welcome_offer',
    title: 'Welcome offer',
    owner: 'CRM team',
    trigger: { type: 'event', event: 'newsletter.subscribed' },
    action: { type: 'send', channel: 'email', content: 'Welcome + single-use 10 % code, valid 14 days', system: 'Klaviyo' },
  });
  t.flow(seesReel, social, { label: 'Taps the ad' });
  t.flow(social, pdp, { event: 'ad.clicked', label: 'Lands on the product' });
  t.flow(shopping, pdp, { event: 'ad.clicked', label: 'Lands on the product' });
  t.flow(pdp, browses, { label: 'Keeps looking' });
  t.flow(browses, popup, { label: 'Exit intent' });
  t.flow(popup, welcome, { event: 'newsletter.subscribed', label: 'Subscribes' });

  // ── Cart ──────────────────────────────────────────────────────────────────────────────────────
  const adds = t.card(cart, actions, { key: 'adds_to_cart', title: 'Adds the pan to the cart and checks the delivery cost' });
  t.card(cart, feelings, { key: 'hesitant', title: 'Hesitant: "Will shipping double the price?"', emotion: 0 });
  const drawer = t.card(cart, touchpoints, {
    key: 'cart_drawer',
    title: 'Cart drawer with free-shipping progress bar',
    channel: 'web-page',
    content: 'Free shipping from €50; delivery date; 60-day returns',
    owner: 'E-commerce team',
    metrics: { volume: 7400, conversionRate: 0.41, period: 'last 30 days' },
  });
  const checkout = t.card(cart, touchpoints, {
    key: 'checkout',
    title: 'One-page checkout',
    channel: 'web-page',
    content: 'Express wallets, address autocomplete, delivery date promise',
    owner: 'E-commerce team',
    metrics: { volume: 3000, conversionRate: 0.62, period: 'last 30 days' },
  });
  const chat = t.card(cart, touchpoints, {
    key: 'live_chat',
    title: 'Live chat: "Which size do I need?"',
    channel: 'chat',
    content: 'Sizing and induction-compatibility answers; hands over to a person after 2 bot turns',
    owner: 'Customer service',
  });
  t.card(cart, data, {
    key: 'cart_value',
    title: 'Cart contents and value',
    field: 'cart.value',
    source: 'Cart events',
    system: 'Segment',
    systemCategory: 'cdp',
    consent: 'legitimate-interest',
  });
  t.card(cart, systems, {
    key: 'gorgias',
    title: 'Gorgias',
    system: 'Gorgias',
    vendor: 'Gorgias',
    purpose: 'Chat and email support with order context',
    systemStatus: 'in-use',
  });
  t.card(cart, teams, {
    key: 'ecommerce',
    title: 'E-commerce team',
    owner: 'E-commerce',
    notes: 'Owns the storefront, merchandising and checkout conversion.',
  });
  const freeShipping = t.card(cart, automation, {
    key: 'free_shipping_nudge',
    title: 'Below the free-shipping threshold: suggest an add-on',
    owner: 'E-commerce team',
    trigger: { type: 'score', condition: 'cart.value < 50' },
    action: { type: 'send', channel: 'web-page', content: 'Add a pan scraper (€9) for free shipping' },
  });
  t.flow(adds, drawer, { label: 'Opens the cart' });
  t.flow(drawer, freeShipping, { condition: 'cart.value < 50', label: 'Short of free shipping' });
  t.flow(drawer, chat, { event: 'chat.started', label: 'Asks a question' });
  t.flow(drawer, checkout, { event: 'checkout.started', label: 'Goes to checkout' });

  // ── Abandoned cart ────────────────────────────────────────────────────────────────────────────
  const leaves = t.card(abandoned, actions, { key: 'leaves', title: 'Leaves the tab open and compares prices elsewhere' });
  t.card(abandoned, feelings, { key: 'undecided', title: 'Undecided: "Maybe it goes on sale next week"', emotion: -1 });
  const reminder1 = t.card(abandoned, touchpoints, {
    key: 'reminder_email_1',
    title: 'Reminder email: your cart is waiting',
    channel: 'email',
    content: 'The cart, reviews of the product, delivery date; no discount',
    owner: 'CRM team',
    metrics: { volume: 5100, openRate: 0.47, clickRate: 0.09, conversionRate: 0.05, revenue: 21400, period: 'last 30 days' },
  });
  const sms = t.card(abandoned, touchpoints, {
    key: 'reminder_sms',
    title: 'Reminder SMS after 24 hours',
    channel: 'sms',
    content: 'One line and a link back to the cart; only with SMS consent',
    owner: 'CRM team',
    metrics: { volume: 1300, clickRate: 0.12, conversionRate: 0.07, period: 'last 30 days' },
  });
  const reminder2 = t.card(abandoned, touchpoints, {
    key: 'reminder_email_2',
    title: 'Second reminder: 10 % off for 48 hours',
    channel: 'email',
    content: 'Single-use code; skipped for shoppers who used a code in the last 90 days',
    owner: 'CRM team',
    status: 'in-test',
    notes: 'A/B test against no discount: margin versus recovered revenue.',
  });
  t.card(abandoned, touchpoints, {
    key: 'dynamic_retargeting',
    title: 'Dynamic retargeting banners',
    channel: 'display-ad',
    content: 'The abandoned product across the display network',
    owner: 'Performance marketing',
    status: 'retired',
    metrics: { volume: 380000, clickRate: 0.0009, period: 'last quarter' },
    notes: 'Retired: below 0.1 % click rate and overlapping with the Meta catalogue ads.',
  });
  t.card(abandoned, data, {
    key: 'sms_consent',
    title: 'SMS consent with mobile number',
    field: 'smsConsent',
    source: 'Two-tap SMS opt-in in the cart drawer',
    system: 'Attentive',
    systemCategory: 'marketing-automation',
    consent: 'consent',
  });
  t.card(abandoned, systems, {
    key: 'klaviyo',
    title: 'Klaviyo',
    system: 'Klaviyo',
    vendor: 'Klaviyo',
    purpose: 'Email flows, segments, on-site forms',
    systemStatus: 'in-use',
  });
  t.card(abandoned, systems, {
    key: 'attentive',
    title: 'Attentive',
    system: 'Attentive',
    vendor: 'Attentive',
    purpose: 'SMS consent and messages',
    systemStatus: 'in-use',
  });
  t.card(abandoned, systems, {
    key: 'mailchimp',
    title: 'Mailchimp (legacy newsletter)',
    system: 'Mailchimp',
    vendor: 'Intuit',
    purpose: 'Old newsletter list still synced nightly',
    systemStatus: 'retire',
    notes: 'Two sources of consent; migrate the list into Klaviyo and close the account.',
  });
  t.card(abandoned, teams, {
    key: 'crm',
    title: 'CRM & retention team',
    owner: 'Marketing',
    notes: 'Owns every lifecycle flow; decides discount rules with finance.',
  });
  const recoveryFlow = t.card(abandoned, automation, {
    key: 'recovery_flow',
    title: 'Abandoned-cart flow',
    owner: 'CRM team',
    trigger: { type: 'segment', segment: 'Abandoned cart with known email' },
    action: { type: 'send', channel: 'email', content: 'Your cart is waiting', system: 'Klaviyo' },
    wait: '1d',
  });
  const optOut = t.card(abandoned, automation, {
    key: 'unsubscribe',
    title: 'Unsubscribe: stop all marketing',
    owner: 'CRM team',
    trigger: { type: 'event', event: 'email.unsubscribed' },
    action: { type: 'set-field', field: 'emailConsent', value: false, system: 'Klaviyo' },
    exit: { type: 'opt-out' },
  });
  t.flow(recoveryFlow, reminder1, { label: 'Sends' });
  t.flow(reminder1, leaves, { label: 'Ignores it' });
  t.flow(reminder1, sms, { delay: '1d', condition: 'smsConsent == true', label: 'No checkout after a day' });
  t.flow(sms, reminder2, { delay: '1d', label: 'Still no checkout' });
  t.flow(reminder1, optOut, { event: 'email.unsubscribed', label: 'Unsubscribes' });

  // ── Purchase ──────────────────────────────────────────────────────────────────────────────────
  const pays = t.card(purchase, actions, { key: 'pays', title: 'Pays with Shop Pay and screenshots the confirmation' });
  t.card(purchase, feelings, { key: 'excited', title: 'Excited, with a flicker of "Hope it arrives before the weekend"', emotion: 2 });
  const confirmation = t.card(purchase, touchpoints, {
    key: 'confirmation',
    title: 'Order confirmation email',
    channel: 'email',
    content: 'Items, delivery date, returns link, care guide teaser',
    owner: 'CRM team',
  });
  t.card(purchase, data, {
    key: 'shipping_address',
    title: 'Shipping address',
    field: 'shippingAddress',
    source: 'Checkout',
    system: 'Shopify Plus',
    systemCategory: 'other',
    consent: 'contract',
  });
  t.card(purchase, data, {
    key: 'order_value',
    title: 'Order items and value',
    field: 'order.value',
    source: 'Shopify order webhook',
    system: 'BigQuery',
    systemCategory: 'data-warehouse',
    consent: 'contract',
  });
  t.card(purchase, systems, {
    key: 'shopify_payments',
    title: 'Shopify Payments',
    system: 'Shopify Payments',
    vendor: 'Shopify',
    purpose: 'Cards, Shop Pay, Apple Pay; fraud screening',
    systemStatus: 'in-use',
  });
  t.card(purchase, teams, {
    key: 'ecom_ops',
    title: 'E-commerce operations',
    owner: 'Operations',
    notes: 'Watches failed payments and fraud holds every morning.',
  });
  const firstOrder = t.card(purchase, automation, {
    key: 'becomes_customer',
    title: 'Order placed: becomes a customer',
    owner: 'CRM team',
    trigger: { type: 'event', event: 'checkout.completed' },
    action: { type: 'change-classification', classification: 'Customer', system: 'Klaviyo' },
    notes: 'Removes the shopper from every abandoned-cart and welcome-offer flow.',
  });
  t.flow(pays, firstOrder, { label: 'Order placed' });
  t.flow(firstOrder, confirmation, { label: 'Confirms' });

  // ── Delivery ──────────────────────────────────────────────────────────────────────────────────
  const tracks = t.card(delivery, actions, { key: 'tracks_parcel', title: 'Tracks the parcel, unboxes and seasons the pan' });
  t.card(delivery, feelings, { key: 'delighted', title: 'Delighted on unboxing — or annoyed if it is late', emotion: 3 });
  const shipNotes = t.card(delivery, touchpoints, {
    key: 'shipping_updates',
    title: 'Shipping updates by SMS and email',
    channel: 'sms',
    content: 'Shipped, out for delivery, delivered — with the carrier link',
    owner: 'Fulfilment',
  });
  t.card(delivery, touchpoints, {
    key: 'care_insert',
    title: 'Care card in the box with a QR code to the seasoning video',
    channel: 'direct-mail',
    content: 'How to season, clean and store cast iron',
    owner: 'Brand team',
  });
  const wismo = t.card(delivery, touchpoints, {
    key: 'wismo_chat',
    title: '"Where is my order?" chat',
    channel: 'chat',
    content: 'Bot answers from tracking data; a person handles anything late',
    owner: 'Customer service',
  });
  t.card(delivery, data, {
    key: 'delivery_status',
    title: 'Delivery status',
    field: 'deliveryStatus',
    source: 'Carrier webhooks via AfterShip',
    system: 'Klaviyo',
    systemCategory: 'marketing-automation',
    consent: 'contract',
  });
  t.card(delivery, systems, {
    key: 'aftership',
    title: 'AfterShip',
    system: 'AfterShip',
    vendor: 'AfterShip',
    purpose: 'Tracking events and branded tracking page',
    systemStatus: 'in-use',
  });
  t.card(delivery, systems, {
    key: 'shipbob',
    title: 'ShipBob',
    system: 'ShipBob',
    vendor: 'ShipBob',
    purpose: 'Third-party warehouse and fulfilment',
    systemStatus: 'in-use',
  });
  t.card(delivery, systems, {
    key: 'returns_portal',
    title: 'Self-serve returns portal',
    system: 'Loop Returns',
    vendor: 'Loop',
    purpose: 'Exchanges before refunds; today returns are arranged by email with customer service',
    systemStatus: 'planned',
  });
  t.card(delivery, teams, {
    key: 'fulfilment',
    title: 'Fulfilment & customer service',
    owner: 'Operations',
    notes: 'A person writes to every customer whose parcel is two days late.',
  });
  t.card(delivery, automation, {
    key: 'late_apology',
    title: 'Parcel 2 days late: apologise',
    owner: 'Customer service',
    trigger: { type: 'score', condition: 'daysLate >= 2' },
    action: { type: 'send', channel: 'email', content: 'Sorry — free shipping on your next order', system: 'Klaviyo' },
  });
  const delivered = t.card(delivery, automation, {
    key: 'delivered',
    title: 'Delivered: send the seasoning guide',
    owner: 'CRM team',
    trigger: { type: 'event', event: 'order.delivered' },
    action: { type: 'send', channel: 'email', content: 'Season your pan in 3 steps (video)', system: 'Klaviyo' },
  });
  t.flow(shipNotes, tracks, { label: 'Follows the parcel' });
  t.flow(tracks, wismo, { event: 'chat.started', label: 'Asks where it is' });
  t.flow(tracks, delivered, { event: 'order.delivered', label: 'Arrives' });

  // ── Loyalty ───────────────────────────────────────────────────────────────────────────────────
  const reviews = t.card(loyalty, actions, { key: 'leaves_review', title: 'Leaves a review with photos' });
  const buysAgain = t.card(loyalty, actions, { key: 'buys_again', title: 'Buys the matching lid and joins the rewards club' });
  t.card(loyalty, feelings, { key: 'loyal', title: 'Loyal: "My go-to kitchen brand"', emotion: 3 });
  const reviewRequest = t.card(loyalty, touchpoints, {
    key: 'review_request',
    title: 'Review request, 7 days after delivery',
    channel: 'email',
    content: 'One-click star rating; photo upload earns 100 points',
    owner: 'CRM team',
    metrics: { volume: 2600, conversionRate: 0.11, period: 'last 30 days' },
  });
  const club = t.card(loyalty, touchpoints, {
    key: 'rewards_club',
    title: 'Rewards club: points and early access',
    channel: 'web-page',
    content: 'Points for orders and reviews; members see drops a day early',
    owner: 'Loyalty team',
  });
  const crossSell = t.card(loyalty, touchpoints, {
    key: 'cross_sell',
    title: 'Cross-sell emails: complete the set',
    channel: 'email',
    content: 'Lid, trivet, carbon-steel wok — based on what was bought',
    owner: 'CRM team',
    metrics: { volume: 9800, openRate: 0.36, clickRate: 0.04, revenue: 12800, period: 'last 30 days' },
  });
  t.card(loyalty, data, {
    key: 'review_rating',
    title: 'Review rating',
    field: 'reviewRating',
    source: 'Review form',
    system: 'Yotpo',
    systemCategory: 'other',
    consent: 'consent',
  });
  t.card(loyalty, data, {
    key: 'loyalty_tier',
    title: 'Loyalty points and tier',
    field: 'loyaltyTier',
    source: 'Rewards club',
    system: 'Yotpo',
    systemCategory: 'other',
    consent: 'contract',
  });
  t.card(loyalty, data, {
    key: 'clv',
    title: 'Predicted lifetime value',
    field: 'clv',
    source: 'Nightly model on order history',
    system: 'BigQuery',
    systemCategory: 'data-warehouse',
    consent: 'legitimate-interest',
  });
  t.card(loyalty, systems, {
    key: 'yotpo',
    title: 'Yotpo Reviews & Loyalty',
    system: 'Yotpo',
    vendor: 'Yotpo',
    purpose: 'Reviews, points, tiers',
    systemStatus: 'in-use',
  });
  t.card(loyalty, systems, {
    key: 'bigquery',
    title: 'BigQuery',
    system: 'BigQuery',
    vendor: 'Google',
    purpose: 'Order history, CLV model, marketing attribution',
    systemStatus: 'in-use',
  });
  t.card(loyalty, teams, {
    key: 'loyalty_team',
    title: 'Loyalty & retention',
    owner: 'Marketing',
    notes: 'Owns the rewards club economics with finance.',
  });
  const secondPurchase = t.card(loyalty, automation, {
    key: 'second_purchase',
    title: 'No second order after 30 days: cross-sell',
    owner: 'CRM team',
    trigger: { type: 'elapsed', after: '30d' },
    action: { type: 'send', channel: 'email', content: 'Complete your set: members get 10 % off the lid', system: 'Klaviyo' },
  });
  t.card(loyalty, automation, {
    key: 'vip',
    title: 'Lifetime value above €500: VIP tier',
    owner: 'Loyalty team',
    trigger: { type: 'score', condition: 'clv >= 500' },
    action: { type: 'change-classification', classification: 'VIP', system: 'Klaviyo' },
  });
  t.flow(reviewRequest, reviews, { event: 'email.clicked', label: 'Rates it' });
  t.flow(reviews, club, { event: 'review.submitted', label: 'Earns points' });
  t.flow(secondPurchase, crossSell, { label: 'Sends' });
  t.flow(crossSell, buysAgain, { event: 'order.placed', label: 'Buys again' });

  // ── Stage transitions ─────────────────────────────────────────────────────────────────────────
  t.flow(pdp, adds, { event: 'cart.item_added', label: 'Adds to cart' });
  t.flow(checkout, pays, { event: 'checkout.completed', label: 'Pays' });
  t.flow(drawer, recoveryFlow, { delay: '1h', condition: 'cart.value > 0', label: 'An hour without checkout' });
  t.flow(reminder1, pays, { event: 'checkout.completed', label: 'Comes back and buys' });
  t.flow(reminder2, pays, { event: 'checkout.completed', label: 'Buys with the code' });
  t.flow(reminder2, browses, { delay: '7d', label: 'No order a week later: back to browsing audiences' });
  t.flow(confirmation, shipNotes, { event: 'order.shipped', label: 'Shipped' });
  t.flow(delivered, reviewRequest, { delay: '7d', label: 'A week after delivery' });
  t.flow(crossSell, browses, { delay: '30d', label: 'Monthly inspiration: back into browsing' });

  return t.build();
}
