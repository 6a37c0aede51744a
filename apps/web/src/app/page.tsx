import { SiteFooter } from '../site/site-footer';
import { SiteHeader } from '../site/site-header';
import { FeaturesSection } from '../site/landing/features.section';
import { GetStartedSection } from '../site/landing/get-started.section';
import { HeroSection } from '../site/landing/hero.section';
import { HowItWorksSection } from '../site/landing/how-it-works.section';
import { PrivacySection } from '../site/landing/privacy.section';
import { ProblemSection } from '../site/landing/problem.section';
import { RoiSection } from '../site/landing/roi.section';

export default function HomePage() {
  return (
    <>
      <SiteHeader />
      <main id="main">
        <HeroSection />
        <ProblemSection />
        <HowItWorksSection />
        <FeaturesSection />
        <PrivacySection />
        <RoiSection />
        <GetStartedSection />
      </main>
      <SiteFooter />
    </>
  );
}
