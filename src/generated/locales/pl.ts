
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's2204e67ddac845ed': str`This ${0} box is not set up correctly`,
's7c4c18fd84f5056f': `A web editor needs to fix its settings:`,
'sc994ab2b6ca6beec': `Children missing education`,
'sddf538e91b43ab83': `What “children missing education” means`,
's6c4f96d03e445aaa': `Children missing education are children of compulsory school age who are not registered pupils at a school and are not receiving suitable education otherwise than at a school.`,
's01e4f64c1ae182b8': `Suitable education means efficient, full-time education suitable to the child’s age, ability and aptitude and to any special educational needs they have. Local authorities must try to identify these children (Education Act 1996, section 436A).`,
'sbfc5165bef8e3fd9': `Who counts as missing education`,
's92ad8172fefa5b80': `This includes children of compulsory school age who:`,
'sa9633c8496bf154b': `are applying for a school place and do not have one yet`,
's0d84ec2563728f79': `have been offered a school place but have not started`,
'sb4ca686072a507a0': `are home educated, where the council has assessed the education as unsuitable`,
'se0ab7ab1a37f3abd': `have been missing for a long time, for example because nobody knows where they are`,
's30da6553c8fe1514': `Who does not count as missing education`,
'sb75f8b4b95a0e0fc': `A child is not missing education if they:`,
'sb4f191c23b15a101': `are registered at a school but do not attend regularly, even if they are persistently or severely absent – this is a school attendance matter for the school`,
's7650b166b2615dcd': `receive alternative provision arranged for them`,
'sc24fcc396049aa86': `are electively home educated and receiving a suitable education`,
's9609eee3d0d2cae8': `are home educated and the council has not yet had the chance to assess their education`,
's3384af6e33510940': `What the council does`,
'se1932feb22459d4c': `encourages schools and other agencies to tell us about children who may be missing education`,
's08d2e63699474145': `looks at every referral and prioritises the most vulnerable children`,
's62066291c8afe7ca': `finds out where the child is and makes sure they get a suitable education`,
's00ad6890177e213e': `works with the child, their family and other agencies, and challenges barriers to education`,
's8842338b860c2648': `gives caseworker support until the case is resolved, working with other councils where needed`,
's337a2b8e40ee823c': `takes complex cases to multi-agency meetings, such as Missing Mondays, Fair Access Panels and Children who Cannot Attend School panels, keeping the child’s voice at the centre`,
'sb197d6633a88629b': `uses School Attendance Orders and other legal action where needed`,
'sedebc4517b537a60': `When a child stops being missing education`,
'sc976aaaa27833233': `A child stops being missing education once they are on a school roll or are receiving a suitable education otherwise than at school.`,
's9901cb723d95c443': `Tell the CME team about a child`,
's34be76c6b1eadbef': `Warning`,
's47b50d2127eaa24f': `If a child may be at immediate risk of harm, call the police on 999 or contact children’s social care first. A missing education referral does not replace that.`,
'sc8777bbbdc809b33': `Email the Children Missing Education team at`,
    };
  